package dev.chunker.query;

import dev.chunker.query.ApiModels.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error of the API as a JSON {@link ApiError}. */
@RestControllerAdvice
public class ApiErrors {

	private static final Log LOG = LogFactory.getLog(ApiErrors.class);

	@ExceptionHandler(InvalidParameterException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	public ApiError badParameter(InvalidParameterException ex) {
		return new ApiError(400, "Bad Request", ex.parameter(), ex.parameter() + ": " + ex.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	public ApiError notFound(NotFoundException ex) {
		return new ApiError(404, "Not Found", null, String.valueOf(ex.getMessage()));
	}

	@ExceptionHandler({ NoHandlerFoundException.class, NoResourceFoundException.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	public ApiError noEndpoint(HttpServletRequest request) {
		return new ApiError(404, "Not Found", null, "no endpoint " + request.getMethod() + " " + request.getRequestURI()
				+ " (see /api/openapi.json)");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	@ResponseStatus(HttpStatus.METHOD_NOT_ALLOWED)
	public ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.header("Allow", "GET")
			.body(new ApiError(405, "Method Not Allowed", null, "the API is read-only: " + ex.getMethod() + " is not supported"));
	}

	@ExceptionHandler(Exception.class)
	@ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
	public ResponseEntity<ApiError> failure(Exception ex) {
		if (ex instanceof ErrorResponse response && !response.getStatusCode().is5xxServerError()) {
			// Spring MVC's own request errors (not acceptable, unsupported media type, ...) keep their status.
			int status = response.getStatusCode().value();
			HttpStatus known = HttpStatus.resolve(status);
			return ResponseEntity.status(status).body(new ApiError(status, (known != null) ? known.getReasonPhrase() : "Error",
					null, String.valueOf(response.getBody().getDetail())));
		}
		LOG.error("request failed", ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(new ApiError(500, "Internal Server Error", null, "the request failed; see the server log"));
	}

}
