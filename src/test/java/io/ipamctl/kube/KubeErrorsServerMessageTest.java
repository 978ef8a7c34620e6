package io.ipamctl.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

/** The reason a warning gives for a failed API call is text for a user, never a Java class name. */
class KubeErrorsServerMessageTest {

    @Test
    void theApiServersStatusMessageComesFirst() {
        var e = new KubernetesClientException(new StatusBuilder()
                .withCode(403)
                .withMessage("traceflows.crd.antrea.io \"t\" is forbidden")
                .build());
        assertEquals("traceflows.crd.antrea.io \"t\" is forbidden", KubeErrors.serverMessage(e));
    }

    @Test
    void elseTheRootCausesMessage() {
        var e = new KubernetesClientException("An error has occurred.", new IllegalStateException("socket closed"));
        assertEquals("socket closed", KubeErrors.serverMessage(e));
    }

    @Test
    void anInterruptedCallWithoutMessageSaysSo() {
        var e = new KubernetesClientException("An error has occurred.", new InterruptedException());
        assertEquals("the request was interrupted", KubeErrors.serverMessage(e));
        var io = new KubernetesClientException("An error has occurred.", new InterruptedIOException());
        assertEquals("the request was interrupted", KubeErrors.serverMessage(io));
    }

    @Test
    void noMessageAnywhereIsStillNoClassName() {
        var e = new KubernetesClientException((String) null, new IllegalStateException());
        assertEquals("the request failed without a reason", KubeErrors.serverMessage(e));
    }
}
