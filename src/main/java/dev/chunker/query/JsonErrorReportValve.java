package dev.chunker.query;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's error report as the API's JSON error instead of an HTML page: for what Tomcat refuses before any filter
 * or servlet runs (a URI whose percent-escapes are not valid UTF-8, a request line or header over the size limit).
 * Installed as the host's error report valve by {@link ApiServer}. No stack trace, no server version.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

	private static final int MAX_DETAIL = 200;

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String message = (status == 400) ? "the request is malformed: " + detail(response.getMessage())
				+ " (a URI must be percent-encoded UTF-8, request line and headers at most 8 KB in all)"
				: (status >= 500) ? "the request failed; see the server log" : detail(response.getMessage());
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ApiErrorBody.json(ApiErrorBody.error(status, null, message)));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response cannot be written: nothing more to say to it
		}
	}

	private static String detail(@Nullable String message) {
		if (message == null || message.isBlank()) {
			return "refused by the server";
		}
		String line = message.lines().findFirst().orElse("").strip();
		return (line.length() <= MAX_DETAIL) ? line : line.substring(0, MAX_DETAIL - 3) + "...";
	}

}
