package org.toolsetconfig.bootstrap;

/**
 * The executable jar's entry point: {@code java -jar toolset-config-service.jar [serve|validate FILE]}.
 * Exit codes: 0 done (or stopped by SIGTERM), 1 startup refused or an invalid file, 2 a file that
 * cannot be read or a usage error.
 */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(Cli.commandLine(System.getenv()).execute(args));
    }
}
