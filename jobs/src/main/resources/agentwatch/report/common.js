// Shared by agentwatch's report pages. The body records what was drawn (data-rendered), which
// charts had no data (data-empty) and any script error (data-errors), for headless checks.
window.addEventListener('error', function (e) {
  var b = document.body;
  b.dataset.errors = (b.dataset.errors ? b.dataset.errors + ' | ' : '') + e.message;
});
var AW = {
  empty: [], rendered: 0,
  draw: function (id, has, option, emptyText) {
    var el = document.getElementById(id);
    if (!has) {
      AW.empty.push(id);
      el.className += ' empty';
      el.textContent = option.title.text + ': ' + (emptyText || 'no data');
      return;
    }
    echarts.init(el, null, { renderer: 'canvas' }).setOption(option);
    AW.rendered++;
  },
  finish: function () {
    document.body.dataset.empty = AW.empty.join(' ');
    document.body.dataset.rendered = String(AW.rendered);
  }
};
