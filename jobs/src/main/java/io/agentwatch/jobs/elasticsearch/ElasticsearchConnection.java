package io.agentwatch.jobs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.agentwatch.jobs.io.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * How to reach Elasticsearch: URLs, credentials (API key, or user and password) and an optional CA
 * certificate for TLS. Credentials may be {@code ${env:NAME}} or {@code ${file:/path}}; they are
 * resolved only when a client is built and are never printed.
 */
public final class ElasticsearchConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> urls;
    private final String apiKey;
    private final String username;
    private final String password;
    private final String caCertificate;

    public ElasticsearchConnection(
            List<String> urls,
            String apiKey,
            String username,
            String password,
            String caCertificate) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("no Elasticsearch URL (--es URL)");
        }
        for (String u : urls) {
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw new IllegalArgumentException(
                        "Elasticsearch URL '" + u + "' must start with http:// or https://");
            }
        }
        if (apiKey != null && username != null) {
            throw new IllegalArgumentException("give an Elasticsearch API key or a user, not both");
        }
        this.urls = List.copyOf(urls);
        this.apiKey = apiKey;
        this.username = username;
        this.password = password;
        this.caCertificate = caCertificate;
    }

    public static ElasticsearchConnection of(String url) {
        return new ElasticsearchConnection(List.of(url), null, null, null, null);
    }

    public List<String> urls() {
        return urls;
    }

    public RestClient restClient() {
        HttpHost[] hosts = urls.stream().map(HttpHost::create).toArray(HttpHost[]::new);
        RestClientBuilder b = RestClient.builder(hosts);
        List<Header> headers = new ArrayList<>();
        String authorization = authorization();
        if (authorization != null) {
            headers.add(new BasicHeader("Authorization", authorization));
        }
        b.setDefaultHeaders(headers.toArray(new Header[0]));
        if (caCertificate != null) {
            SSLContext ssl = sslContext(Path.of(caCertificate));
            b.setHttpClientConfigCallback(http -> http.setSSLContext(ssl));
        }
        b.setRequestConfigCallback(r -> r.setConnectTimeout(5_000).setSocketTimeout(60_000));
        return b.build();
    }

    /**
     * The Authorization header value for these credentials, or null without any. Kibana takes the
     * same credentials, so {@code setup} uses it there too.
     */
    public String authorization() {
        if (apiKey != null) {
            return "ApiKey " + Secrets.resolve(apiKey, "Elasticsearch API key");
        }
        if (username != null) {
            String user = Secrets.resolve(username, "Elasticsearch user");
            String pass =
                    Secrets.resolve(password == null ? "" : password, "Elasticsearch password");
            return "Basic "
                    + Base64.getEncoder()
                            .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** The TLS context trusting the configured CA, or null to use the JVM's defaults. */
    public SSLContext sslContext() {
        return caCertificate == null ? null : sslContext(Path.of(caCertificate));
    }

    public ElasticsearchClient client(RestClient rest) {
        return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    public ElasticsearchAsyncClient asyncClient(RestClient rest) {
        return new ElasticsearchAsyncClient(
                new RestClientTransport(rest, new JacksonJsonpMapper()));
    }

    private static SSLContext sslContext(Path ca) {
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore trust = KeyStore.getInstance("pkcs12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Elasticsearch CA certificate " + ca, e);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "Elasticsearch CA certificate " + ca + " is not usable: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Elasticsearch "
                + urls
                + (apiKey != null ? " (API key)" : username != null ? " (user)" : "");
    }
}
