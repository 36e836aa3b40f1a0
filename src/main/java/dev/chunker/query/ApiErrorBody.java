package dev.chunker.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.chunker.query.ApiModels.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * The JSON of an {@link ApiError}, written without Spring MVC: by the access filter (before the dispatcher) and by
 * Tomcat's error report (requests Tomcat refuses before any servlet: a URI that is not valid percent-encoded UTF-8,
 * a request line or header too long, too many parameters).
 */
final class ApiErrorBody {

	private ApiErrorBody() {
	}

	static ApiError error(int status, @Nullable String parameter, String message) {
		HttpStatus known = HttpStatus.resolve(status);
		return new ApiError(status, (known != null) ? known.getReasonPhrase() : "Error", parameter, message);
	}

	static String json(ApiError error) {
		StringBuilder json = new StringBuilder(128).append("{\"status\":").append(error.status()).append(",\"error\":");
		quote(error.error(), json);
		json.append(",\"parameter\":");
		if (error.parameter() != null) {
			quote(error.parameter(), json);
		}
		else {
			json.append("null");
		}
		json.append(",\"message\":");
		quote(error.message(), json);
		return json.append('}').toString();
	}

	/** Writes the error as the whole response (which must not be committed yet). */
	static void write(HttpServletResponse response, ApiError error) throws IOException {
		byte[] body = json(error).getBytes(StandardCharsets.UTF_8);
		response.setStatus(error.status());
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private static void quote(String text, StringBuilder json) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff) || c == 0x2028 || c == 0x2029) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
