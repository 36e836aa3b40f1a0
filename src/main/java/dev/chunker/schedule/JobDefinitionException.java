package dev.chunker.schedule;

import dev.chunker.settings.SettingsException;

/** A job definition that cannot be used; the message names the file, the line and the key. */
public class JobDefinitionException extends SettingsException {

	public JobDefinitionException(String message) {
		super(message);
	}

}
