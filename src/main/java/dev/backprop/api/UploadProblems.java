package dev.backprop.api;

import dev.backprop.problem.Problems;
import java.io.IOException;
import java.nio.file.FileSystemException;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;

/** What the service says when a multipart upload fails before a controller sees it. */
final class UploadProblems {

    private UploadProblems() {}

    /** Names the limits, which Tomcat also applies to the number of parts. */
    static ProblemDetail overTheLimits(MultipartProperties limits) {
        return Problems.PAYLOAD_TOO_LARGE.detail("the upload is over the limits: at most "
                + readable(limits.getMaxFileSize()) + " a file (spring.servlet.multipart.max-file-size) and "
                + readable(limits.getMaxRequestSize()) + " a request (spring.servlet.multipart.max-request-size),"
                + " in a limited number of parts (server.tomcat.max-part-count); both sizes follow"
                + " backprop.datasets.max-upload-size");
    }

    static ProblemDetail unspoolable(String reason) {
        return Problems.STORE_UNWRITABLE.detail("the store cannot be written: the upload's parts cannot be"
                + " spooled (" + reason + "); nothing was changed, try again once it can be");
    }

    static ProblemDetail unreadable() {
        return Problems.MALFORMED_BODY.detail(
                "the multipart/form-data body cannot be read: it needs a boundary in its Content-Type and"
                        + " complete parts");
    }

    private static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return size.toMegabytes() + "MB";
        }
        return bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? size.toKilobytes() + "KB" : bytes + "B";
    }

    /** Why the container could not write the parts to its spool folder (full, read-only, gone); null if it could. */
    static String spoolFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            if (cause instanceof FileSystemException fs && fs.getReason() != null) {
                return fs.getReason();
            }
            if (cause instanceof IOException) {
                for (String reason : new String[] {"No space left on device", "Read-only file system", "Disk quota"}) {
                    if (message.contains(reason)) {
                        return reason;
                    }
                }
                if (message.contains("upload location")) {
                    return "its spool folder is missing or not a folder";
                }
            }
        }
        return null;
    }
}
