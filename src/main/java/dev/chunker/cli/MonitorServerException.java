package dev.chunker.cli;

/** The scheduler's health and metrics server cannot start (the port is taken, the address is not local). */
final class MonitorServerException extends WordedFailure {

	MonitorServerException(String address, int port, String reason, Throwable cause) {
		super("cannot start the health and metrics server on " + address + ":" + port + ": " + reason, cause);
	}

}
