package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.AuthProviderConfig;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A kubeconfig file into fabric8's kubeconfig model, field by field, without Jackson's data binding:
 * building databind's deserializers for the model by reflection cost ~15% of a cold `pool usage`'s CPU
 * (bench/findings.md, "Cold path, third round"). The YAML is read as fabric8 reads it (snakeyaml-engine,
 * default settings), so syntax errors are the same; the fields are those kubectl's clientcmd reads and
 * fabric8's merge uses (extensions and preferences, used by neither, are skipped).
 */
final class KubeconfigYaml {

    /** The file holds YAML, but not the shape of a kubeconfig (a scalar where a mapping belongs, ...). */
    static final class NotAKubeconfig extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAKubeconfig() {
            super("not a kubeconfig", null, false, false);
        }
    }

    private KubeconfigYaml() {}

    /** The kubeconfig of that YAML (or JSON) text, or null when it holds no document. */
    static Config read(InputStream in) throws IOException {
        Object document = null;
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromInputStream(in)) {
            if (doc != null) {
                if (document != null) {
                    throw new NotAKubeconfig();
                }
                document = doc;
            }
        }
        return document == null ? null : config(map(document));
    }

    private static Config config(Map<?, ?> m) {
        Config c = new Config();
        set(m, "apiVersion", KubeconfigYaml::text, c::setApiVersion);
        set(m, "kind", KubeconfigYaml::text, c::setKind);
        set(m, "current-context", KubeconfigYaml::text, c::setCurrentContext);
        set(m, "clusters", v -> list(v, KubeconfigYaml::namedCluster), c::setClusters);
        set(m, "contexts", v -> list(v, KubeconfigYaml::namedContext), c::setContexts);
        set(m, "users", v -> list(v, KubeconfigYaml::namedUser), c::setUsers);
        return c;
    }

    private static NamedCluster namedCluster(Object value) {
        Map<?, ?> m = map(value);
        NamedCluster n = new NamedCluster();
        set(m, "name", KubeconfigYaml::text, n::setName);
        set(m, "cluster", KubeconfigYaml::cluster, n::setCluster);
        return n;
    }

    private static Cluster cluster(Object value) {
        Map<?, ?> m = map(value);
        Cluster c = new Cluster();
        set(m, "server", KubeconfigYaml::text, c::setServer);
        set(m, "certificate-authority", KubeconfigYaml::text, c::setCertificateAuthority);
        set(m, "certificate-authority-data", KubeconfigYaml::text, c::setCertificateAuthorityData);
        set(m, "insecure-skip-tls-verify", KubeconfigYaml::flag, c::setInsecureSkipTlsVerify);
        set(m, "tls-server-name", KubeconfigYaml::text, c::setTlsServerName);
        set(m, "proxy-url", KubeconfigYaml::text, c::setProxyUrl);
        set(m, "disable-compression", KubeconfigYaml::flag, c::setDisableCompression);
        return c;
    }

    private static NamedContext namedContext(Object value) {
        Map<?, ?> m = map(value);
        NamedContext n = new NamedContext();
        set(m, "name", KubeconfigYaml::text, n::setName);
        set(m, "context", KubeconfigYaml::context, n::setContext);
        return n;
    }

    private static Context context(Object value) {
        Map<?, ?> m = map(value);
        Context c = new Context();
        set(m, "cluster", KubeconfigYaml::text, c::setCluster);
        set(m, "user", KubeconfigYaml::text, c::setUser);
        set(m, "namespace", KubeconfigYaml::text, c::setNamespace);
        return c;
    }

    private static NamedAuthInfo namedUser(Object value) {
        Map<?, ?> m = map(value);
        NamedAuthInfo n = new NamedAuthInfo();
        set(m, "name", KubeconfigYaml::text, n::setName);
        set(m, "user", KubeconfigYaml::user, n::setUser);
        return n;
    }

    private static AuthInfo user(Object value) {
        Map<?, ?> m = map(value);
        AuthInfo a = new AuthInfo();
        set(m, "client-certificate", KubeconfigYaml::text, a::setClientCertificate);
        set(m, "client-certificate-data", KubeconfigYaml::text, a::setClientCertificateData);
        set(m, "client-key", KubeconfigYaml::text, a::setClientKey);
        set(m, "client-key-data", KubeconfigYaml::text, a::setClientKeyData);
        set(m, "token", KubeconfigYaml::text, a::setToken);
        set(m, "tokenFile", KubeconfigYaml::text, a::setTokenFile);
        set(m, "username", KubeconfigYaml::text, a::setUsername);
        set(m, "password", KubeconfigYaml::text, a::setPassword);
        set(m, "as", KubeconfigYaml::text, a::setAs);
        set(m, "as-uid", KubeconfigYaml::text, a::setAsUid);
        set(m, "as-groups", v -> list(v, KubeconfigYaml::text), a::setAsGroups);
        set(m, "auth-provider", KubeconfigYaml::authProvider, a::setAuthProvider);
        set(m, "exec", KubeconfigYaml::exec, a::setExec);
        return a;
    }

    private static AuthProviderConfig authProvider(Object value) {
        Map<?, ?> m = map(value);
        AuthProviderConfig p = new AuthProviderConfig();
        set(m, "name", KubeconfigYaml::text, p::setName);
        set(
                m,
                "config",
                v -> {
                    Map<String, String> config = new LinkedHashMap<>();
                    map(v).forEach((k, x) -> config.put(text(k), x == null ? null : text(x)));
                    return config;
                },
                p::setConfig);
        return p;
    }

    private static ExecConfig exec(Object value) {
        Map<?, ?> m = map(value);
        ExecConfig e = new ExecConfig();
        set(m, "apiVersion", KubeconfigYaml::text, e::setApiVersion);
        set(m, "command", KubeconfigYaml::text, e::setCommand);
        set(m, "args", v -> list(v, KubeconfigYaml::text), e::setArgs);
        set(m, "env", v -> list(v, KubeconfigYaml::envVar), e::setEnv);
        set(m, "installHint", KubeconfigYaml::text, e::setInstallHint);
        set(m, "interactiveMode", KubeconfigYaml::text, e::setInteractiveMode);
        set(m, "provideClusterInfo", KubeconfigYaml::flag, e::setProvideClusterInfo);
        return e;
    }

    private static ExecEnvVar envVar(Object value) {
        Map<?, ?> m = map(value);
        ExecEnvVar v = new ExecEnvVar();
        set(m, "name", KubeconfigYaml::text, v::setName);
        set(m, "value", KubeconfigYaml::text, v::setValue);
        return v;
    }

    /** A field that is present and not null, converted and set; an absent or null one leaves the model's default. */
    private static <T> void set(
            Map<?, ?> m, String key, Function<Object, T> convert, java.util.function.Consumer<T> setter) {
        Object v = m.get(key);
        if (v != null) {
            setter.accept(convert.apply(v));
        }
    }

    private static Map<?, ?> map(Object value) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new NotAKubeconfig();
    }

    private static <T> List<T> list(Object value, Function<Object, T> element) {
        if (!(value instanceof List<?> l)) {
            throw new NotAKubeconfig();
        }
        List<T> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (o != null) {
                out.add(element.apply(o));
            }
        }
        return out;
    }

    /** A scalar as text (YAML may type `namespace: 123` or `token: true`; they are strings all the same). */
    private static String text(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof byte[]) {
            throw new NotAKubeconfig();
        }
        return value.toString();
    }

    /** A boolean, also written as the text "true" or "false". */
    private static Boolean flag(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.valueOf(s);
        }
        throw new NotAKubeconfig();
    }
}
