package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's counting on real files: what a run that is not closed leaves (as a dead process leaves it) is
 * counted by the next open, only deaths in a row quarantine, a clean end or a changed file resets.
 */
class InFlightJournalTest {

	@TempDir
	Path dir;

	private Path root;

	private Path folder;

	private void files() throws Exception {
		this.root = Files.createDirectories(this.dir.resolve("tree"));
		this.folder = this.dir.resolve("journal");
		Files.writeString(this.root.resolve("a.py"), "def a():\n    pass\n");
		Files.writeString(this.root.resolve("b.py"), "def b():\n    pass\n");
	}

	/** A run that dies (never closed) with {@code path} in flight on a thread of its own. */
	private void dieWith(String... paths) throws Exception {
		InFlightJournal journal = InFlightJournal.open(this.folder, this.root);
		for (String path : paths) {
			Thread worker = new Thread(() -> journal.enter(path));
			worker.start();
			worker.join();
		}
		assertThat(InFlightJournal.leftInFlight(this.folder.resolve(InFlightJournal.JOURNAL))).containsExactlyInAnyOrder(paths);
	}

	private static long size(Path file) throws Exception {
		return Files.size(file);
	}

	private static long mtime(Path file) throws Exception {
		return Files.getLastModifiedTime(file).toMillis();
	}

	@Test
	void twoDeathsInARowQuarantineUntilTheFileChanges() throws Exception {
		files();
		Path a = this.root.resolve("a.py");
		dieWith("a.py", "b.py");
		dieWith("a.py");
		InFlightJournal third = InFlightJournal.open(this.folder, this.root);
		assertThat(third.quarantined("a.py", size(a), mtime(a))).isTrue();
		// b.py was in flight at the first death only: not in a row.
		assertThat(third.crashes()).containsOnlyKeys("a.py");
		assertThat(third.quarantined("a.py", size(a) + 1, mtime(a))).as("another size").isFalse();
		third.close();

		// A clean end keeps the quarantine while the file is unchanged.
		InFlightJournal fourth = InFlightJournal.open(this.folder, this.root);
		assertThat(fourth.quarantined("a.py", size(a), mtime(a))).isTrue();
		fourth.close();

		Files.setLastModifiedTime(a, FileTime.fromMillis(mtime(a) + 5_000));
		InFlightJournal fifth = InFlightJournal.open(this.folder, this.root);
		assertThat(fifth.crashes()).isEmpty();
		assertThat(Files.readString(this.folder.resolve(InFlightJournal.CRASHES))).isEmpty();
		fifth.close();
	}

	@Test
	void aCleanEndBetweenDeathsIsNotInARow() throws Exception {
		files();
		dieWith("a.py");
		InFlightJournal clean = InFlightJournal.open(this.folder, this.root);
		assertThat(clean.crashes()).containsOnlyKeys("a.py");
		Thread worker = new Thread(() -> clean.around("a.py", () -> "chunked"));
		worker.start();
		worker.join();
		clean.close();
		dieWith("a.py");
		InFlightJournal next = InFlightJournal.open(this.folder, this.root);
		Path a = this.root.resolve("a.py");
		assertThat(next.quarantined("a.py", size(a), mtime(a))).isFalse();
		assertThat(next.crashes().get("a.py").count()).isEqualTo(1);
	}

	@Test
	void aSlotLeftHeldAtCloseCountsAsACrash() throws Exception {
		// Out of memory while chunking: the file stays in its slot, and close leaves the journal running.
		files();
		InFlightJournal journal = InFlightJournal.open(this.folder, this.root);
		java.util.concurrent.atomic.AtomicBoolean rethrown = new java.util.concurrent.atomic.AtomicBoolean();
		Thread worker = new Thread(() -> {
			try {
				journal.around("b.py", () -> {
					throw new OutOfMemoryError("Java heap space");
				});
			}
			catch (OutOfMemoryError expected) {
				rethrown.set(true);
			}
		});
		worker.start();
		worker.join();
		assertThat(rethrown).as("the error reaches the worker step").isTrue();
		journal.close();
		assertThat(InFlightJournal.open(this.folder, this.root).crashes()).containsOnlyKeys("b.py");
	}

	@Test
	void theJournalIsKeptNextToAnH2FileDatabaseElseUnderTheStateHomeOrTheWorkingDirectory() {
		assertThat(InFlightJournals.baseFolder("jdbc:h2:file:/srv/index/chunker;AUTO_SERVER=TRUE", null))
			.isEqualTo(Path.of("/srv/index/chunker-journal"));
		assertThat(InFlightJournals.baseFolder("jdbc:h2:/srv/index/chunker", "/state"))
			.isEqualTo(Path.of("/srv/index/chunker-journal"));
		assertThat(InFlightJournals.baseFolder("jdbc:postgresql://db.example:5433/chunker?user=x", "/state"))
			.isEqualTo(Path.of("/state/chunker/journal/db.example_5433_chunker"));
		assertThat(InFlightJournals.baseFolder("jdbc:postgresql://127.0.0.1/index", null))
			.isEqualTo(Path.of("data", "journal", "127.0.0.1_index").toAbsolutePath());
		assertThat(InFlightJournals.baseFolder("jdbc:h2:mem:test", null))
			.isEqualTo(Path.of("data", "journal", "mem_test").toAbsolutePath());
		assertThat(new InFlightJournals("jdbc:h2:file:/srv/x").folder("my repo"))
			.isEqualTo(Path.of("/srv/x-journal").resolve("my_repo-" + Integer.toHexString("my repo".hashCode())));
	}

}
