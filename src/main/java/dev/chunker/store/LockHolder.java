package dev.chunker.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The process that holds a repository lock: its host name and pid, and what tells that pid's process from a later
 * one with the same pid (its start time). {@code machine} names the kernel boot and pid namespace in which the pid
 * means something (Linux: the boot id and the pid namespace; null elsewhere), {@code startTicks} the start in clock
 * ticks since boot (Linux; exact, where {@code started} is derived from the wall clock and may move with it).
 */
record LockHolder(String host, long pid, @Nullable Instant started, @Nullable String machine, @Nullable Long startTicks) {

	/** How far apart two readings of one process's start instant may be (the boot time they derive from moves with the clock). */
	private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

	private static final String UNKNOWN_HOST = "unknown-host";

	private static final String HOST = hostName();

	private static final @Nullable String MACHINE = machineOfThisProcess();

	/** This process. */
	public static LockHolder current() {
		return of(ProcessHandle.current());
	}

	/** A process of this machine. */
	public static LockHolder of(ProcessHandle process) {
		return new LockHolder(HOST, process.pid(), process.info().startInstant().orElse(null), MACHINE,
				startTicks(process.pid()).orElse(null));
	}

	/** Whether this process and {@code other} see the same pids: the same host, kernel boot and pid namespace. */
	public boolean sameMachineAs(LockHolder other) {
		boolean named = this.machine != null || !this.host.equals(UNKNOWN_HOST);
		return named && this.host.equals(other.host) && Objects.equals(this.machine, other.machine);
	}

	/**
	 * Whether the holder is known dead, seen from this machine: it ran here, and no process has its pid any more, or
	 * the one that has it started at another time (the pid was reused) or is a zombie. A holder on another machine, or
	 * whose start cannot be compared, is not known dead (its lock expires by its heartbeat).
	 */
	public static boolean isGone(LockHolder holder) {
		LockHolder here = current();
		if (!holder.sameMachineAs(here)) {
			return false;
		}
		Optional<ProcessHandle> process = ProcessHandle.of(holder.pid());
		if (process.isEmpty() || !process.get().isAlive() || isZombie(holder.pid())) {
			return true;
		}
		LockHolder now = of(process.get());
		if (holder.startTicks() != null && now.startTicks() != null) {
			return !holder.startTicks().equals(now.startTicks());
		}
		if (holder.started() != null && now.started() != null) {
			return Duration.between(holder.started(), now.started()).abs().compareTo(START_TOLERANCE) > 0;
		}
		return false;
	}

	private static boolean isZombie(long pid) {
		return procStat(pid).map((fields) -> fields[0].equals("Z") || fields[0].equals("X")).orElse(false);
	}

	private static Optional<Long> startTicks(long pid) {
		return procStat(pid).flatMap((fields) -> {
			try {
				// Field 22 of /proc/PID/stat, the 20th after the command name.
				return (fields.length > 19) ? Optional.of(Long.parseLong(fields[19])) : Optional.<Long>empty();
			}
			catch (NumberFormatException ex) {
				return Optional.<Long>empty();
			}
		});
	}

	/** The fields of {@code /proc/PID/stat} after the command name (which may hold spaces and parentheses). */
	private static Optional<String[]> procStat(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
			int end = stat.lastIndexOf(')');
			return (end < 0) ? Optional.empty() : Optional.of(stat.substring(end + 1).trim().split(" +"));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static @Nullable String machineOfThisProcess() {
		try {
			String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
			String pidNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
			return boot + " " + pidNamespace;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException | RuntimeException ex) {
			return UNKNOWN_HOST;
		}
	}

}
