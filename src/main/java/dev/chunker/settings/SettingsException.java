package dev.chunker.settings;

/** A configuration problem; the message names the key and is shown to the user as is. */
public class SettingsException extends RuntimeException {

	public SettingsException(String message) {
		super(message);
	}

}
