package io.ipamctl.commands;

import io.ipamctl.ExitCode;
import io.ipamctl.kube.ServerVersions;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.output.VersionView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ipamctl version}: this build and, unless --client, the cluster's Kubernetes and Antrea versions. */
@Command(
        name = "version",
        header = "Print the client version, its Java runtime, and the cluster's Kubernetes and Antrea versions.",
        description = {
            "The client part (version, git commit, Java runtime) is printed first and needs no cluster. Then the "
                    + "API server's version (/version) and Antrea's: from the AntreaControllerInfo antrea-controller, "
                    + "else from the image tag of the antrea-controller or antrea-agent Pods. When the cluster "
                    + "cannot be reached, the client part is printed and the error follows (exit 1), as kubectl "
                    + "version does.",
            "Output: text (default), json or yaml (ipamctl/v1 Version: clientVersion {version, gitCommit, "
                    + "javaVersion, javaVendor}, serverVersion {kubernetes, antrea, antreaFrom})."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl version",
            "  ipamctl version --client              # no request at all",
            "  ipamctl --sandbox version -o json"
        })
public final class VersionCommand implements Callable<Integer> {

    @Option(names = "--client", description = "Only the client's version; no request is sent.")
    boolean clientOnly;

    /** Whose Pods' image tells Antrea's version. */
    @Mixin
    AntreaNamespaceOption antrea = new AntreaNamespaceOption();

    @Mixin
    OutputOptions output = new OutputOptions(null, OutputFormat.JSON, OutputFormat.YAML);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat format = output.format();
        Session session = IpamctlCommand.session(spec);
        VersionView.Client client = VersionProvider.client();
        if (clientOnly) {
            VersionView view = new VersionView(client, null);
            session.printer().printText(view.clientLines(), view.document(), format);
            return ExitCode.OK;
        }
        if (format == null) {
            // the client's lines come first, so they are there even when the server then fails
            session.printer().printText(new VersionView(client, null).clientLines(), null, null);
        }
        VersionView view;
        try {
            ServerVersions s = ServerVersions.read(session.client(), antrea.namespace());
            view = new VersionView(client, new VersionView.Server(s.kubernetes(), s.antrea(), s.antreaFrom()));
        } catch (RuntimeException e) {
            if (format != null) {
                VersionView clientPart = new VersionView(client, null);
                session.printer().printText(clientPart.clientLines(), clientPart.document(), format);
            }
            throw e;
        }
        session.printer().printText(view.serverLines(), view.document(), format);
        return ExitCode.OK;
    }
}
