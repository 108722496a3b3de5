package io.connectors.ftest;

/** Something that ends an ftest run early: a job that failed or timed out, the daemon gone, a setup step refused. */
public final class FtestFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FtestFailure(String message) {
        super(message);
    }

    public FtestFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
