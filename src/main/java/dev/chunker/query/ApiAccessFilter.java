package dev.chunker.query;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The first thing every request of the API meets: the bearer token, when one is configured (a missing or wrong one
 * is a 401 with {@code WWW-Authenticate: Bearer}), then the query string, decoded once here so that one Tomcat cannot
 * decode (invalid percent-escapes or UTF-8, too many parameters) is a 400 in the API's JSON before any handler.
 */
final class ApiAccessFilter implements Filter {

	/** The path that may be asked without a token (a health probe), should the API ever serve it. */
	static final String HEALTH = "/actuator/health";

	private final @Nullable ApiToken token;

	ApiAccessFilter(@Nullable ApiToken token) {
		this.token = token;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		HttpServletResponse response = (HttpServletResponse) res;
		if (this.token != null && !HEALTH.equals(request.getRequestURI())) {
			String authorization = request.getHeader("Authorization");
			if (authorization == null || !this.token.accepts(authorization)) {
				boolean given = authorization != null;
				response.setHeader("WWW-Authenticate",
						given ? "Bearer realm=\"chunker\", error=\"invalid_token\"" : "Bearer realm=\"chunker\"");
				ApiErrorBody.write(response, ApiErrorBody.error(401, null, given
						? "the bearer token is wrong (Authorization: Bearer <token>)"
						: "this server requires a bearer token: send Authorization: Bearer <token>"));
				return;
			}
		}
		try {
			if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
				// Other methods are a 405 without their body being read.
				request.getParameterMap();
			}
		}
		catch (IllegalStateException ex) {
			// Tomcat's InvalidParameterException: the query string cannot be decoded, or has too many parameters.
			ApiErrorBody.write(response, ApiErrorBody.error(400, null, "the query string cannot be read: "
					+ "every parameter must be percent-encoded UTF-8 (such as %C3%A9 for \u00e9), at most "
					+ ApiServer.MAX_PARAMETERS + " parameters"));
			return;
		}
		chain.doFilter(request, response);
	}

}
