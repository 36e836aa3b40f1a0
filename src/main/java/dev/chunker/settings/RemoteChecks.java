package dev.chunker.settings;

import java.net.URI;
import java.net.URISyntaxException;

/** The checks of {@code remote.*} that a type and a least value cannot express: the broker URL and the queue. */
final class RemoteChecks {

	private RemoteChecks() {
	}

	static void check(ChunkerProperties.Remote remote, String where) {
		String url = remote.brokerUrl();
		try {
			URI uri = new URI(url);
			if (!("amqp".equals(uri.getScheme()) || "amqps".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new SettingsException(invalidUrl(url, where));
			}
		}
		catch (URISyntaxException ex) {
			throw new SettingsException(invalidUrl(url, where));
		}
		if (!remote.queue().matches("[A-Za-z0-9._:-]{1,255}")) {
			throw new SettingsException("remote.queue (" + where + ") must be 1 to 255 letters, digits or . _ : -, was '"
					+ remote.queue() + "'");
		}
	}

	private static String invalidUrl(String url, String where) {
		return "remote.broker_url (" + where + ") must look like amqp://user:password@host:5672, was '"
				+ ChunkerProperties.BrokerAddress.withoutPassword(url) + "'";
	}

}
