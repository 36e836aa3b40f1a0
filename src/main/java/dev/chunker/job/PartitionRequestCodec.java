package dev.chunker.job;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * The body of a partition request on the broker: a {@link StepExecutionRequest} as a small JSON object, so any
 * worker version reads it and no class is deserialized from the wire.
 */
public final class PartitionRequestCodec {

	private static final Pattern BODY = Pattern
		.compile("\\{\"step_name\":\"([A-Za-z0-9:._-]{1,200})\",\"step_execution_id\":(\\d{1,19})\\}");

	private PartitionRequestCodec() {
	}

	public static byte[] encode(StepExecutionRequest request) {
		String name = request.getStepName();
		if (!name.matches("[A-Za-z0-9:._-]{1,200}")) {
			throw new IllegalArgumentException("step name not sendable: " + name);
		}
		return ("{\"step_name\":\"" + name + "\",\"step_execution_id\":" + request.getStepExecutionId() + "}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** The request in {@code body}; a body that is not one is refused with a sentence naming it. */
	public static StepExecutionRequest decode(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		Matcher matcher = BODY.matcher(text.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a partition request: " + text.substring(0, Math.min(text.length(), 200)));
		}
		return new StepExecutionRequest(matcher.group(1), Long.parseLong(matcher.group(2)));
	}

}
