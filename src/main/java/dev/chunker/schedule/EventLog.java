package dev.chunker.schedule;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The scheduler's event lines on standard output, one per event, each with its local time. */
public final class EventLog {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

	private final PrintWriter out;

	public EventLog(PrintWriter out) {
		this.out = out;
	}

	public void line(String message) {
		synchronized (this.out) {
			this.out.println(TIME.format(Instant.now()) + "  " + message);
			this.out.flush();
		}
	}

	static String time(Instant instant) {
		return TIME.format(instant);
	}

}
