#!/usr/bin/env python3
"""Writes agentwatch.ndjson: the Kibana 8.x saved objects (data views, Lens visualisations, saved
searches, dashboards). Edit here and run `python3 dashboards/kibana/generate.py`; the build checks
the result (KibanaSavedObjectsTest): unique stable ids, references that resolve, encoded JSON
strings, and fields that exist in the index templates with a fitting type."""
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "agentwatch.ndjson")
VERSION = {"coreMigrationVersion": "8.8.0"}
objects = []

DATA_VIEWS = {
    "events": ("agentwatch-events-*", "agentwatch enriched events"),
    "alerts": ("agentwatch-alerts*", "agentwatch alerts"),
    "agent-risk": ("agentwatch-agent-risk*", "agentwatch agent risk"),
    "dead-letters": ("agentwatch-dead-letters*", "agentwatch dead letters"),
    "model-findings": ("agentwatch-model-findings*", "agentwatch model findings"),
    "access-review": ("agentwatch-access-review*", "agentwatch access review"),
}


def dv_id(view):
    return "agentwatch-" + view


for view, (title, name) in DATA_VIEWS.items():
    objects.append({
        "id": dv_id(view), "type": "index-pattern", **VERSION, "typeMigrationVersion": "8.0.0",
        "attributes": {"title": title, "name": name, "timeFieldName": "@timestamp",
                       "fieldFormatMap": "{}", "runtimeFieldMap": "{}", "fields": "[]"},
        "references": []})


def date_col(label="@timestamp", interval="auto"):
    return {"label": label, "dataType": "date", "operationType": "date_histogram",
            "sourceField": "@timestamp", "isBucketed": True, "scale": "interval",
            "params": {"interval": interval, "includeEmptyRows": True, "dropPartials": False}}


def terms_col(field, label, size=10, order_by="count"):
    order = {"type": "column", "columnId": order_by} if order_by != "alphabetical" else \
        {"type": "alphabetical", "fallback": False}
    return {"label": label, "dataType": "string", "operationType": "terms", "sourceField": field,
            "isBucketed": True, "scale": "ordinal",
            "params": {"size": size, "orderBy": order, "orderDirection": "desc",
                       "otherBucket": True, "missingBucket": False, "parentFormat": {"id": "terms"}}}


def count_col(label="Count"):
    return {"label": label, "dataType": "number", "operationType": "count", "isBucketed": False,
            "scale": "ratio", "sourceField": "___records___", "params": {"emptyAsNull": True}}


def max_col(field, label):
    return {"label": label, "dataType": "number", "operationType": "max", "sourceField": field,
            "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": True}}


def avg_col(field, label):
    return {"label": label, "dataType": "number", "operationType": "average", "sourceField": field,
            "isBucketed": False, "scale": "ratio", "params": {"emptyAsNull": True}}


def filters_col(label, filters):
    return {"label": label, "dataType": "string", "operationType": "filters", "isBucketed": True,
            "scale": "ordinal",
            "params": {"filters": [{"input": {"query": q, "language": "kuery"}, "label": l}
                                   for l, q in filters]}}


def lens(vid, title, view, columns, visualization, vis_type, query=""):
    """columns: ordered dict id -> column; every column id is referenced from visualization."""
    layer = "layer1"
    # Terms ordered by a metric must name that metric's column id.
    metric = next((c for c, col in columns.items() if not col["isBucketed"]), None)
    for col in columns.values():
        if col["operationType"] == "terms" and col["params"]["orderBy"].get("columnId") == "count":
            col["params"]["orderBy"]["columnId"] = metric
    objects.append({
        "id": "agentwatch-lens-" + vid, "type": "lens", **VERSION, "typeMigrationVersion": "8.9.0",
        "attributes": {
            "title": title, "description": "", "visualizationType": vis_type,
            "state": {
                "datasourceStates": {"formBased": {"layers": {layer: {
                    "columns": columns, "columnOrder": list(columns), "incompleteColumns": {}}}}},
                "visualization": visualization(layer),
                "query": {"query": query, "language": "kuery"}, "filters": [],
                "internalReferences": [], "adHocDataViews": {}}},
        "references": [{"type": "index-pattern", "id": dv_id(view),
                        "name": "indexpattern-datasource-layer-" + layer}]})
    return "agentwatch-lens-" + vid


def xy(series="bar_stacked", x="x", ys=("y",), split=None):
    def build(layer):
        l = {"layerId": layer, "layerType": "data", "seriesType": series, "xAccessor": x,
             "accessors": list(ys), "position": "top", "showGridlines": False}
        if split:
            l["splitAccessor"] = split
        return {"legend": {"isVisible": True, "position": "right"}, "valueLabels": "hide",
                "preferredSeriesType": series, "layers": [l],
                "axisTitlesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True}}
    return build


def table(columns):
    def build(layer):
        return {"layerId": layer, "layerType": "data",
                "columns": [{"columnId": c} for c in columns]}
    return build


def pie(groups, metric):
    def build(layer):
        return {"shape": "donut", "layers": [{"layerId": layer, "layerType": "data",
                                              "primaryGroups": groups, "metrics": [metric],
                                              "numberDisplay": "percent",
                                              "categoryDisplay": "default",
                                              "legendDisplay": "default"}]}
    return build


def search(sid, title, view, columns, query=""):
    objects.append({
        "id": "agentwatch-search-" + sid, "type": "search", **VERSION,
        "typeMigrationVersion": "8.0.0",
        "attributes": {
            "title": title, "description": "", "columns": columns,
            "sort": [["@timestamp", "desc"]],
            "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps({
                "query": {"query": query, "language": "kuery"}, "filter": [],
                "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index"})}},
        "references": [{"type": "index-pattern", "id": dv_id(view),
                        "name": "kibanaSavedObjectMeta.searchSourceJSON.index"}]})
    return "agentwatch-search-" + sid


def dashboard(did, title, description, panels, controls=None):
    panel_json, references = [], []
    x = y = row = 0
    for i, (ref_id, ref_type, w, h) in enumerate(panels):
        if x + w > 48:  # the grid is 48 wide: start a new row
            x, y, row = 0, y + row, 0
        panel_json.append({"version": "8.8.0", "type": ref_type,
                           "gridData": {"x": x, "y": y, "w": w, "h": h, "i": str(i)},
                           "panelIndex": str(i), "embeddableConfig": {},
                           "panelRefName": "panel_" + str(i)})
        references.append({"type": ref_type, "id": ref_id, "name": str(i) + ":panel_" + str(i)})
        x, row = x + w, max(row, h)
    attributes = {
        "title": title, "description": description, "timeRestore": False, "version": 1,
        "panelsJSON": json.dumps(panel_json),
        "optionsJSON": json.dumps({"useMargins": True, "syncColors": False,
                                   "syncCursor": True, "syncTooltips": False,
                                   "hidePanelTitles": False}),
        "kibanaSavedObjectMeta": {"searchSourceJSON": json.dumps(
            {"query": {"query": "", "language": "kuery"}, "filter": []})}}
    if controls:
        control_panels = {}
        for i, (field, label, view) in enumerate(controls):
            cid = "control-" + str(i)
            control_panels[cid] = {"order": i, "width": "medium", "grow": True,
                                   "type": "optionsListControl",
                                   "explicitInput": {"id": cid, "fieldName": field,
                                                     "title": label, "selectedOptions": [],
                                                     "dataViewRefName":
                                                         "controlGroup_" + cid + ":optionsListDataView"}}
            references.append({"type": "index-pattern", "id": dv_id(view),
                               "name": "controlGroup_" + cid + ":optionsListDataView"})
        attributes["controlGroupInput"] = {
            "controlStyle": "oneLine", "chainingSystem": "HIERARCHICAL",
            "panelsJSON": json.dumps(control_panels),
            "ignoreParentSettingsJSON": json.dumps({"ignoreFilters": False, "ignoreQuery": False,
                                                    "ignoreTimerange": False,
                                                    "ignoreValidations": False})}
    objects.append({"id": "agentwatch-dashboard-" + did, "type": "dashboard", **VERSION,
                    "typeMigrationVersion": "8.9.0", "attributes": attributes,
                    "references": references})


CARD = "agentwatch.card_data.targeted:true or (event.action:reveal and agentwatch.sensitivity.classes:PCI)"

# ---- SOC overview
alerts_time = lens("alerts-over-time", "Alerts over time by severity", "alerts",
                   {"x": date_col(), "y": count_col("Alerts"),
                    "s": terms_col("agentwatch.alert.severity", "Severity", 4)},
                   xy(split="s"), "lnsXY")
open_alerts = search("open-alerts", "Open alerts", "alerts",
                     ["user.id", "agentwatch.alert.severity", "rule.id", "message",
                      "agentwatch.alert.status"], "agentwatch.alert.status:open")
risky = lens("top-risky-agents", "Top risky agents (highest risk)", "agent-risk",
             {"x": terms_col("user.id", "Agent", 10), "y": max_col("agentwatch.risk.score", "Risk")},
             xy("bar_horizontal"), "lnsXY")
by_detector = lens("alerts-by-detector-team", "Alerts by detector and team", "alerts",
                   {"x": terms_col("rule.id", "Detector", 12), "y": count_col("Alerts"),
                    "s": terms_col("agentwatch.agent.team", "Team", 10)},
                   xy(split="s"), "lnsXY")
dashboard("soc-overview", "agentwatch: SOC overview",
          "Who is risky now: alerts by severity, open alerts, top risky agents, alerts by detector"
          " and team.",
          [(alerts_time, "lens", 24, 15), (risky, "lens", 24, 15),
           (by_detector, "lens", 24, 15), (open_alerts, "search", 24, 15)])

# ---- Agent investigation (pick the agent with the control)
risk_time = lens("agent-risk-over-time", "Risk over time", "agent-risk",
                 {"x": date_col(), "y": max_col("agentwatch.risk.score", "Risk"),
                  "s": terms_col("user.id", "Agent", 5)},
                 xy("line", split="s"), "lnsXY")
def shifted(col, shift, label):
    col = dict(col, label=label, timeShift=shift)
    return col


# The agent's activity per hour against their own: the usual events for that hour, learned by the
# job (each event carries its hour's baseline), and the same hours a week earlier.
activity_hour = lens("activity-by-hour", "Activity by hour against the agent's baseline",
                     "events",
                     {"x": date_col(interval="1h"), "y": count_col("Events"),
                      "b": avg_col("agentwatch.baseline.usual_hour_events",
                                   "Usual for this hour (baseline)"),
                      "w": shifted(count_col(), "1w", "A week earlier")},
                     xy("line", ys=("y", "b", "w")), "lnsXY")
fields_touched = lens("sensitive-fields-touched", "Sensitive fields touched", "events",
                      {"x": terms_col("agentwatch.fields", "Field", 20), "y": count_col("Events"),
                       "s": terms_col("agentwatch.sensitivity.max", "Highest class", 4)},
                      xy("bar_horizontal_stacked", split="s"), "lnsXY",
                      "not agentwatch.sensitivity.max:NONE")
places = lens("countries-and-addresses", "Countries and addresses", "events",
              {"c": terms_col("source.geo.country_iso_code", "Country", 10),
               "i": terms_col("source.ip", "Address", 20), "y": count_col("Events")},
              table(["c", "i", "y"]), "lnsDatatable")
agent_alerts = search("alerts", "Alerts", "alerts",
                      ["user.id", "agentwatch.alert.severity", "rule.id", "message",
                       "agentwatch.alert.status", "agentwatch.alert.revision"])
agent_events = search("events", "Events", "events",
                      ["user.id", "event.action", "agentwatch.customer.id", "agentwatch.ticket.id",
                       "agentwatch.sensitivity.max", "source.ip", "source.geo.country_iso_code"])
dashboard("agent-investigation", "agentwatch: agent investigation",
          "One agent (choose in the Agent control): risk over time, activity by hour, sensitive"
          " fields, countries and addresses, their alerts and events.",
          [(risk_time, "lens", 24, 15), (activity_hour, "lens", 24, 15),
           (fields_touched, "lens", 24, 15), (places, "lens", 24, 15),
           (agent_alerts, "search", 48, 15), (agent_events, "search", 48, 15)],
          controls=[("user.id", "Agent", "events")])

# ---- Card-data access
card_time = lens("card-access-over-time", "Card-data searches and PCI reveals over time", "events",
                 {"x": date_col(), "y": count_col("Events"),
                  "s": terms_col("event.action", "Action", 5)},
                 xy(split="s"), "lnsXY", CARD)
card_who = lens("card-access-by-team-agent", "Card-data access by team and agent", "events",
                {"x": terms_col("agentwatch.agent.team", "Team", 10), "y": count_col("Events"),
                 "s": terms_col("user.id", "Agent", 10)},
                xy(split="s"), "lnsXY", CARD)
card_ticket = lens("card-access-ticket-context", "Card-data access with and without a ticket",
                   "events",
                   {"g": filters_col("Ticket context", [("with a ticket", "agentwatch.ticket.id:*"),
                                                        ("without a ticket",
                                                         "not agentwatch.ticket.id:*")]),
                    "y": count_col("Events")},
                   pie(["g"], "y"), "lnsPie", CARD)
dashboard("card-data-access", "agentwatch: card-data access",
          "Searches that target payment-card data and PCI reveals: over time, by team and agent,"
          " and the share without ticket context.",
          [(card_time, "lens", 48, 15), (card_who, "lens", 24, 15), (card_ticket, "lens", 24, 15)])

# ---- Pipeline health
events_time = lens("events-over-time", "Events processed over time", "events",
                   {"x": date_col(), "y": count_col("Events")}, xy("line"), "lnsXY")
dead_reason = lens("dead-letters-by-reason", "Dead letters by reason", "dead-letters",
                   {"x": date_col(), "y": count_col("Dead letters"),
                    "s": terms_col("agentwatch.dead_letter.reason", "Reason", 10)},
                   xy(split="s"), "lnsXY")
rejected = lens("elasticsearch-rejections", "Documents Elasticsearch rejected", "dead-letters",
                {"x": terms_col("agentwatch.dead_letter.source", "Index and id", 10),
                 "y": count_col("Rejected")},
                table(["x", "y"]), "lnsDatatable", "agentwatch.dead_letter.reason:ELASTICSEARCH_REJECTED")
dashboard("pipeline-health", "agentwatch: pipeline health",
          "Events processed, dead letters by reason, and documents Elasticsearch rejected (sink"
          " retries are Flink metrics: see the job's metrics).",
          [(events_time, "lens", 48, 15), (dead_reason, "lens", 24, 15), (rejected, "lens", 24, 15)])

# ---- Models: what the live and the shadow bundle find, to judge a candidate before it goes live
model_time = lens("model-findings-over-time", "Model findings over time, live and shadow",
                  "model-findings",
                  {"x": date_col(), "y": count_col("Findings"),
                   "s": terms_col("agentwatch.finding.model.slot", "Slot", 2)},
                  xy(split="s"), "lnsXY")
model_agents = lens("model-findings-by-agent", "Model findings by agent and bundle",
                    "model-findings",
                    {"a": terms_col("user.id", "Agent", 20),
                     "b": terms_col("agentwatch.finding.model.id", "Bundle", 4),
                     "y": count_col("Findings"),
                     "p": max_col("agentwatch.finding.model.percentile", "Highest percentile")},
                    table(["a", "b", "y", "p"]), "lnsDatatable")
model_features = lens("model-features-standing-out", "Features that stood out", "model-findings",
                      {"x": terms_col("agentwatch.finding.model.features.name", "Feature", 18),
                       "y": count_col("Findings"),
                       "s": terms_col("agentwatch.finding.model.slot", "Slot", 2)},
                      xy("bar_horizontal_stacked", split="s"), "lnsXY")
model_list = search("model-findings", "Model findings", "model-findings",
                    ["user.id", "agentwatch.finding.model.slot", "agentwatch.finding.model.id",
                     "agentwatch.finding.model.percentile", "message"])
dashboard("models", "agentwatch: models",
          "What the model bundles find per agent-hour: the live bundle's findings feed risk and"
          " alerts, a shadow bundle's are only written here, so a candidate is judged before it"
          " goes live.",
          [(model_time, "lens", 48, 15), (model_agents, "lens", 24, 15),
           (model_features, "lens", 24, 15), (model_list, "search", 48, 15)])

# ---- Access review: which fields each role really uses, and what to mask
ROLES = "agentwatch.access_review.group_kind:role"
review_table = lens("access-review-by-role", "Recommendations by role and field", "access-review",
                    {"g": terms_col("agentwatch.access_review.group", "Role", 20),
                     "f": terms_col("agentwatch.access_review.field", "Field", 50),
                     "r": terms_col("agentwatch.access_review.recommendation", "Recommendation", 3),
                     "a": max_col("agentwatch.access_review.agent_share", "Share of agents"),
                     "t": max_col("agentwatch.access_review.ticket_share", "Share with ticket")},
                    table(["g", "f", "r", "a", "t"]), "lnsDatatable", ROLES)
review_mix = lens("access-review-recommendations", "Recommendations per role", "access-review",
                  {"x": terms_col("agentwatch.access_review.group", "Role", 20),
                   "y": count_col("Fields"),
                   "s": terms_col("agentwatch.access_review.recommendation", "Recommendation", 3)},
                  xy("bar_stacked", split="s"), "lnsXY", ROLES)
review_trend = lens("access-review-trend", "Share of agents using sensitive fields, by period",
                    "access-review",
                    {"x": date_col(), "y": avg_col("agentwatch.access_review.agent_share",
                                                   "Share of agents"),
                     "s": terms_col("agentwatch.access_review.field", "Field", 10)},
                    xy("line", split="s"), "lnsXY",
                    ROLES + " and agentwatch.access_review.sensitivity:(PCI or SENSITIVE_PII)")
review_evidence = search("access-review-evidence", "Fields to look at, with the agents", "access-review",
                         ["agentwatch.access_review.group", "agentwatch.access_review.field",
                          "agentwatch.access_review.recommendation",
                          "agentwatch.access_review.evidence.agent_id", "message"],
                         "agentwatch.access_review.evidence.agent_id:*")
dashboard("access-review", "agentwatch: access review",
          "Which customer data fields each role really uses (share of agents, ticket context), the"
          " recommendation per field (mask, keep, review) and its trend; the agents behind each"
          " field to review. Written by ./detector access-review --es and the running job.",
          [(review_table, "lens", 48, 18), (review_mix, "lens", 24, 15),
           (review_trend, "lens", 24, 15), (review_evidence, "search", 48, 15)])

with open(OUT, "w") as f:
    for o in objects:
        f.write(json.dumps(o, separators=(",", ":"), sort_keys=True) + "\n")
print(f"wrote {len(objects)} objects to {OUT}")
