package dev.chunker.job;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Which files a repository's worker threads are chunking now, kept where a dead process leaves it: a memory-mapped
 * file ({@value #JOURNAL}) with one fixed slot per worker thread (a path's length and UTF-8 bytes), written before
 * a file is chunked and cleared after. No fsync and no database write per file: a page written through a mapping
 * belongs to the kernel, so it outlives a JVM killed by a native crash (SIGSEGV, abort) or SIGKILL.
 * <p>
 * When a run is opened, a journal whose header still says "running" was left by a process that died: each path in
 * one of its slots gets a crash (kept in {@value #CRASHES}, with the file's size and mtime). A file in flight when
 * the process died twice in a row is quarantined: skipped, recorded as {@code crashed_parser}, until its size or
 * mtime change. A crash count that the next death does not repeat, or a run that ends cleanly, resets to nothing.
 */
public final class InFlightJournal implements AutoCloseable {

	static final String JOURNAL = "in-flight.journal";

	static final String CRASHES = "crashes.tsv";

	/** Deaths in a row with a file in flight that quarantine it. */
	static final int QUARANTINE_AFTER = 2;

	static final int SLOTS = 256;

	static final int SLOT_BYTES = 4096;

	private static final int HEADER = 8;

	private static final byte RUNNING = 1;

	/** A journal that records nothing: when its folder cannot be written, a run goes on without poison-file protection. */
	static final InFlightJournal NONE = new InFlightJournal(null, Path.of("."), Map.of(), Map.of());

	private final @Nullable MappedByteBuffer map;

	private final Path folder;

	private final Map<String, Crash> crashes;

	/** The files a dead process left in flight, counted when this journal was opened. */
	private final Map<String, Crash> counted;

	private final AtomicInteger nextSlot = new AtomicInteger();

	private final ThreadLocal<Integer> slot = ThreadLocal.withInitial(() -> this.nextSlot.getAndIncrement() % SLOTS);

	/** A file's deaths in a row, at the size and mtime it had. */
	record Crash(int count, long size, long mtimeMillis) {

		boolean quarantines(long fileSize, long fileMtime) {
			return this.count >= QUARANTINE_AFTER && this.size == fileSize && this.mtimeMillis == fileMtime;
		}

	}

	private InFlightJournal(@Nullable MappedByteBuffer map, Path folder, Map<String, Crash> crashes,
			Map<String, Crash> counted) {
		this.map = map;
		this.folder = folder;
		this.crashes = crashes;
		this.counted = counted;
	}

	/**
	 * Opens the journal of a repository for a run: counts the files a dead process left in flight, then maps a
	 * cleared journal marked running.
	 * @param folder the repository's journal folder
	 * @param root the repository root (to read the size and mtime of crashed files)
	 */
	static InFlightJournal open(Path folder, Path root) throws IOException {
		Files.createDirectories(folder);
		Path journal = folder.resolve(JOURNAL);
		Map<String, Crash> crashes = readCrashes(folder.resolve(CRASHES));
		List<String> inFlight = leftInFlight(journal);
		Map<String, Crash> next = new LinkedHashMap<>();
		Map<String, Crash> counted = new LinkedHashMap<>();
		for (Map.Entry<String, Crash> crash : crashes.entrySet()) {
			// Quarantined files stay so while they are unchanged; a count that this death does not repeat is dropped.
			Path file = root.resolve(crash.getKey());
			if (crash.getValue().count() >= QUARANTINE_AFTER && Files.isRegularFile(file)
					&& crash.getValue().quarantines(Files.size(file), Files.getLastModifiedTime(file).toMillis())) {
				next.put(crash.getKey(), crash.getValue());
			}
		}
		for (String path : inFlight) {
			Path file = root.resolve(path);
			if (!Files.isRegularFile(file)) {
				continue;
			}
			long size = Files.size(file);
			long mtime = Files.getLastModifiedTime(file).toMillis();
			Crash earlier = crashes.get(path);
			int count = (earlier != null && earlier.size() == size && earlier.mtimeMillis() == mtime) ? earlier.count() + 1 : 1;
			next.put(path, new Crash(count, size, mtime));
			counted.put(path, next.get(path));
		}
		if (!next.equals(crashes)) {
			writeCrashes(folder.resolve(CRASHES), next);
		}
		return new InFlightJournal(mapCleared(journal), folder, next, counted);
	}

	/**
	 * Maps a journal cleared and marked running. On a full file system it is an IOException and the journal file is
	 * removed, so a half-written journal does not hold space the database needs (what it recorded is already read).
	 */
	private static MappedByteBuffer mapCleared(Path journal) throws IOException {
		long length = HEADER + (long) SLOTS * SLOT_BYTES;
		try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			if (channel.size() < length) {
				// Real zeros, not a sparse extension of the mapping: on a full file system a write through a mapped
				// hole is a SIGBUS. A write may also stop short (ENOSPC after a partial write) without throwing.
				ByteBuffer zeros = ByteBuffer.allocate((int) length);
				while (zeros.hasRemaining()) {
					if (channel.write(zeros, zeros.position()) <= 0) {
						throw new IOException("no space left to write " + journal);
					}
				}
			}
			MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
			try {
				for (int i = 0; i < SLOTS; i++) {
					map.putInt(HEADER + i * SLOT_BYTES, 0);
				}
				map.put(0, RUNNING);
			}
			catch (InternalError ex) {
				// How the JDK reports a SIGBUS on a mapped page the file system could not back.
				throw new IOException("no space left to map " + journal, ex);
			}
			return map;
		}
		catch (IOException ex) {
			Files.deleteIfExists(journal);
			throw ex;
		}
	}

	/** The paths in the slots of a journal left marked running, by a process that died. */
	static List<String> leftInFlight(Path journal) throws IOException {
		List<String> paths = new ArrayList<>();
		if (!Files.isRegularFile(journal)) {
			return paths;
		}
		byte[] bytes = Files.readAllBytes(journal);
		if (bytes.length < HEADER || bytes[0] != RUNNING) {
			return paths;
		}
		java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
		for (int offset = HEADER; offset + SLOT_BYTES <= bytes.length; offset += SLOT_BYTES) {
			int length = buffer.getInt(offset);
			if (length > 0 && length <= SLOT_BYTES - 4) {
				paths.add(new String(bytes, offset + 4, length, StandardCharsets.UTF_8));
			}
		}
		return paths;
	}

	private static Map<String, Crash> readCrashes(Path file) throws IOException {
		Map<String, Crash> crashes = new LinkedHashMap<>();
		if (!Files.isRegularFile(file)) {
			return crashes;
		}
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			String[] fields = line.split("\t", 4);
			if (fields.length == 4 && fields[0].matches("\\d{1,9}") && fields[1].matches("\\d{1,19}")
					&& fields[2].matches("-?\\d{1,19}")) {
				crashes.put(fields[3], new Crash(Integer.parseInt(fields[0]), Long.parseLong(fields[1]),
						Long.parseLong(fields[2])));
			}
		}
		return crashes;
	}

	private static void writeCrashes(Path file, Map<String, Crash> crashes) throws IOException {
		StringBuilder text = new StringBuilder();
		crashes.forEach((path, crash) -> text.append(crash.count()).append('\t').append(crash.size()).append('\t')
			.append(crash.mtimeMillis()).append('\t').append(path).append('\n'));
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, text, StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** Records that this thread is chunking {@code path}; a path too long for a slot is cut (it is only a record). */
	void enter(String path) {
		MappedByteBuffer map = this.map;
		if (map == null) {
			return;
		}
		byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
		int length = Math.min(bytes.length, SLOT_BYTES - 4);
		int offset = HEADER + this.slot.get() * SLOT_BYTES;
		map.put(offset + 4, bytes, 0, length);
		map.putInt(offset, length);
	}

	/** Clears this thread's slot: the file it was chunking is done (chunked or failed as a file). */
	void leave() {
		MappedByteBuffer map = this.map;
		if (map != null) {
			map.putInt(HEADER + this.slot.get() * SLOT_BYTES, 0);
		}
	}

	/**
	 * Runs {@code work} with {@code path} recorded in this thread's slot. The slot is cleared after, whether the work
	 * returned or threw, except on {@link OutOfMemoryError}: then the file stays in flight, as a dead process leaves
	 * it, so the next start counts it as a crash of this file (the heap may be in no state to go on, so it is
	 * rethrown and the partition fails).
	 */
	<T> T around(String path, Supplier<T> work) {
		enter(path);
		boolean leave = true;
		try {
			return work.get();
		}
		catch (OutOfMemoryError ex) {
			leave = false;
			throw ex;
		}
		finally {
			if (leave) {
				leave();
			}
		}
	}

	/** Whether a file is quarantined at this size and mtime; a changed file is chunked again. */
	boolean quarantined(String path, long size, long mtimeMillis) {
		Crash crash = this.crashes.get(path);
		return crash != null && crash.quarantines(size, mtimeMillis);
	}

	/** The files a dead process left in flight, counted when this journal was opened, with their new counts. */
	Map<String, Crash> counted() {
		return Map.copyOf(this.counted);
	}

	/** The files counted as crashed when this journal was opened, with their counts. */
	Map<String, Crash> crashes() {
		return Map.copyOf(this.crashes);
	}

	Path folder() {
		return this.folder;
	}

	/**
	 * Ends the run: marks the journal closed when no slot holds a file, so the next open counts nothing. A slot still
	 * held (a file that ran the JVM out of memory) leaves it running: the next open counts that file as crashed.
	 */
	@Override
	public void close() {
		MappedByteBuffer map = this.map;
		if (map == null) {
			return;
		}
		for (int i = 0; i < SLOTS; i++) {
			if (map.getInt(HEADER + i * SLOT_BYTES) != 0) {
				return;
			}
		}
		map.put(0, (byte) 0);
	}

}
