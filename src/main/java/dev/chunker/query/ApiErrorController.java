package dev.chunker.query;

import dev.chunker.query.ApiModels.ApiError;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}, where Tomcat forwards a failure outside Spring MVC's handlers)
 * as the API's JSON error. Asked directly, it is an unknown endpoint like any other; the OpenAPI description leaves it
 * out.
 */
@Hidden
@RestController
public class ApiErrorController implements ErrorController {

	@RequestMapping("/error")
	public ResponseEntity<ApiError> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(code instanceof Integer status) || status < 400) {
			return ResponseEntity.status(404).body(ApiErrorBody.error(404, null,
					"no endpoint " + request.getMethod() + " /error (see /api/openapi.json)"));
		}
		Object detail = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		String message = (status >= 500 || !(detail instanceof String text) || text.isBlank())
				? ((status >= 500) ? "the request failed; see the server log" : "the request was refused")
				: text.lines().findFirst().orElse("");
		return ResponseEntity.status(status).body(ApiErrorBody.error(status, null, message));
	}

}
