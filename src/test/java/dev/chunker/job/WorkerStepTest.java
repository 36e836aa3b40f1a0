package dev.chunker.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.chunker.cli.TestContexts;
import dev.chunker.job.JobTestSupport.Db;
import dev.chunker.job.JobTestSupport.TestDatabase;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.settings.SettingKey;
import dev.chunker.store.FileChange;
import dev.chunker.store.FileStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps of the index job on their own, in the manner of {@link JobOperatorTestUtils#startStep}: the
 * {@code scan} step writes the manifest of a small real tree into an H2 file database; then the worker step runs
 * one partition at a time (its reader, processor and writer, as the partition handler runs it) and writes the
 * files and chunks of that partition only. Checked through SQL on the tables and the step's own counts.
 */
@Timeout(120)
class WorkerStepTest {

	static final List<String> PYTHON = List.of("bisect.py", "colorsys.py", "fnmatch.py", "shlex.py", "textwrap.py",
			"json/decoder.py");

	/** Not source text: the processor makes it a failed file, which the writer records (it is not skipped). */
	static final String BINARY = "blob.py";

	@TempDir
	Path dir;

	Path tree;

	TestDatabase database;

	ConfigurableApplicationContext context;

	JdbcTemplate jdbc;

	long repoId;

	long runId;

	@BeforeEach
	void start() throws Exception {
		this.tree = this.dir.resolve("tree");
		Path python = JobTestSupport.pythonLibrary();
		for (String file : PYTHON) {
			Path target = this.tree.resolve(file);
			Files.createDirectories(target.getParent());
			Files.copy(python.resolve(file), target);
		}
		Files.write(this.tree.resolve(BINARY), new byte[] { 'x', '=', '1', 0, 0, 0, '\n' });
		ChunkerSettings settings = ChunkerSettings.load(null, Map.of(), Map.of(SettingKey.GRID_SIZE.key(), 2,
				SettingKey.PARALLEL_WORKERS.key(), 1, SettingKey.COMMIT_INTERVAL.key(), 2));
		this.database = TestDatabase.create(Db.H2, this.dir);
		this.context = TestContexts.indexing(settings, this.database.url());
		this.jdbc = this.context.getBean(JdbcTemplate.class);
		this.jdbc.update("INSERT INTO repositories (name, root_path, created_at) VALUES ('steps', ?, CURRENT_TIMESTAMP)",
				this.tree.toString());
		this.repoId = this.jdbc.queryForObject("SELECT repo_id FROM repositories WHERE name = 'steps'", Long.class);
		this.jdbc.update("INSERT INTO runs (repo_id, status, started_at) VALUES (?, 'STARTING', CURRENT_TIMESTAMP)",
				this.repoId);
		this.runId = this.jdbc.queryForObject("SELECT MAX(run_id) FROM runs", Long.class);
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void scanThenEachWorkerPartitionWritesItsOwnFilesAndChunks() throws Exception {
		JobParameters parameters = new JobParametersBuilder().addString(BatchNames.PARAM_REPO, "steps")
			.addString(BatchNames.PARAM_ROOT, this.tree.toRealPath().toString())
			.addLong(BatchNames.PARAM_RUN_ID, this.runId)
			.addLong(BatchNames.PARAM_REPO_ID, this.repoId, false)
			.addString(BatchNames.PARAM_INCLUDE, "", false)
			.addString(BatchNames.PARAM_EXCLUDE, "", false)
			.toJobParameters();
		JobOperatorTestUtils steps = new JobOperatorTestUtils(this.context.getBean(JobOperator.class),
				this.context.getBean(JobRepository.class));
		steps.setJob(this.context.getBean(Job.class));

		// Step 1 alone: the manifest, in two partitions, nothing indexed yet.
		JobExecution scan = steps.startStep(BatchNames.STEP_SCAN, parameters, new ExecutionContext());
		assertThat(scan.getStatus()).as(scan.getAllFailureExceptions().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(scan.getStepExecutions()).singleElement()
			.satisfies((step) -> assertThat(step.getStepName()).isEqualTo(BatchNames.STEP_SCAN));
		List<String> all = this.jdbc.queryForList(
				"SELECT path FROM file_manifest WHERE run_id = ? AND needs_work ORDER BY path", String.class, this.runId);
		List<String> expected = new ArrayList<>(PYTHON);
		expected.add(BINARY);
		assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT partition_no FROM file_manifest WHERE run_id = ? "
				+ "ORDER BY partition_no", Integer.class, this.runId)).containsExactly(0, 1);
		assertThat(count("SELECT COUNT(*) FROM files")).isZero();
		assertThat(count("SELECT COUNT(*) FROM chunks")).isZero();

		// Step 2, one partition at a time, as the partition handler runs a worker.
		Step worker = this.context.getBean("chunkFilesWorkerStep", Step.class);
		JobRepository repository = this.context.getBean(JobRepository.class);
		JobInstance instance = repository.createJobInstance("workerStepTest", parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		List<String> done = new ArrayList<>();
		for (int partition : List.of(0, 1)) {
			List<String> paths = this.jdbc.queryForList("SELECT path FROM file_manifest WHERE run_id = ? AND "
					+ "partition_no = ? AND needs_work ORDER BY ordinal", String.class, this.runId, partition);
			assertThat(paths).isNotEmpty();
			String name = BatchNames.STEP_CHUNK_FILES_WORKER + ":" + BatchNames.partitionName(partition);
			StepExecution step = repository.createStepExecution(name, execution);
			step.getExecutionContext().putInt(BatchNames.CTX_PARTITION, partition);
			repository.updateExecutionContext(step);
			worker.execute(step);

			assertThat(step.getStatus()).as(step.getFailureExceptions().toString()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(step.getReadCount()).isEqualTo(paths.size());
			assertThat(step.getWriteCount()).isEqualTo(paths.size());
			assertThat(step.getFilterCount()).isZero();
			assertThat(step.getSkipCount()).isZero();
			// Two files per transaction (the configured commit interval); a last, empty chunk may commit too.
			long transactions = (paths.size() + 1) / 2;
			assertThat(step.getCommitCount()).isBetween(transactions, transactions + 1);
			assertThat(this.jdbc.queryForList("SELECT status, read_count, write_count, read_skip_count + "
					+ "process_skip_count + write_skip_count AS skips FROM BATCH_STEP_EXECUTION WHERE step_name = ?", name))
				.singleElement()
				.satisfies((row) -> {
					assertThat(row.get("STATUS")).isEqualTo("COMPLETED");
					assertThat(((Number) row.get("READ_COUNT")).longValue()).isEqualTo(paths.size());
					assertThat(((Number) row.get("WRITE_COUNT")).longValue()).isEqualTo(paths.size());
					assertThat(((Number) row.get("SKIPS")).longValue()).isZero();
				});

			// Its files, and only them so far: every source file indexed with its chunks, the binary one failed.
			done.addAll(paths);
			List<Map<String, Object>> files = this.jdbc.queryForList("SELECT path, status, error_reason, chunk_count, "
					+ "last_run_id, last_change FROM files ORDER BY path");
			assertThat(files).extracting((row) -> row.get("PATH")).containsExactlyInAnyOrderElementsOf(done);
			for (Map<String, Object> file : files) {
				String path = (String) file.get("PATH");
				assertThat(((Number) file.get("LAST_RUN_ID")).longValue()).isEqualTo(this.runId);
				long chunks = count("SELECT COUNT(*) FROM chunks WHERE file_path = ?", path);
				if (path.equals(BINARY)) {
					assertThat(file.get("STATUS")).as(path).isEqualTo(FileStatus.FAILED.dbValue());
					assertThat(file.get("ERROR_REASON")).as(path).isNotNull();
					assertThat(chunks).as(path).isZero();
					assertThat(count("SELECT COUNT(*) FROM file_errors WHERE path = ? AND run_id = ?", path, this.runId))
						.isEqualTo(1);
				}
				else {
					assertThat(file.get("STATUS")).as(path).isEqualTo(FileStatus.INDEXED.dbValue());
					assertThat(file.get("LAST_CHANGE")).as(path).isEqualTo(FileChange.NEW.dbValue());
					assertThat(chunks).as(path).isPositive().isEqualTo(((Number) file.get("CHUNK_COUNT")).longValue());
				}
			}
			assertThat(this.jdbc.queryForList("SELECT DISTINCT file_path FROM chunks", String.class))
				.allSatisfy((path) -> assertThat(done).contains(path));
		}
		assertThat(done).containsExactlyInAnyOrderElementsOf(all);
	}

	private long count(String sql, Object... args) {
		Long value = this.jdbc.queryForObject(sql, Long.class, args);
		return (value == null) ? 0 : value;
	}

}
