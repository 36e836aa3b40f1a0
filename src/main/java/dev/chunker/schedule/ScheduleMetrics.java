package dev.chunker.schedule;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.chunker.store.RunSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of the scheduler, tagged with {@code job} (and {@code repo}). In Prometheus:
 * <ul>
 * <li>{@code chunker_repository_files_total{job,repo,outcome}}: files scanned, new, changed, unchanged, deleted,
 * failed;</li>
 * <li>{@code chunker_repository_chunks_total{job,repo,operation}}: chunks written, deleted;</li>
 * <li>{@code chunker_repository_scanned_bytes_total{job,repo}}: bytes of the files listed by the scans;</li>
 * <li>{@code chunker_repository_run_duration_seconds{job,repo,outcome}}: time per repository run;</li>
 * <li>{@code chunker_repository_failures_total{job,repo}}: repository runs that did not complete;</li>
 * <li>{@code chunker_repository_last_success_seconds{job,repo}}: end of its last completed run (Unix time);</li>
 * <li>{@code chunker_job_runs_total{job,status}}, {@code chunker_job_run_duration_seconds{job}},
 * {@code chunker_job_triggers_skipped_total{job}}, {@code chunker_job_running{job}},
 * {@code chunker_job_last_success_seconds{job}}.</li>
 * </ul>
 */
public final class ScheduleMetrics {

	static final List<String> FILE_OUTCOMES = List.of("scanned", "new", "changed", "unchanged", "deleted", "failed");

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

	public ScheduleMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Creates a job's meters at zero, so they are scraped before its first run. */
	public void register(JobDefinition definition) {
		String job = definition.name();
		gauge("chunker.job.running", "Whether a run of the job is going (1) or not (0)", job, null);
		gauge("chunker.job.last.success", "End of the job's last run in which every repository completed, Unix seconds", job, null);
		skipped(job, 0);
		for (String status : List.of("COMPLETED", "FAILED", "STOPPED")) {
			jobRuns(job, status);
		}
		for (JobDefinition.Repository repository : definition.repositories()) {
			String repo = repository.name();
			for (String outcome : FILE_OUTCOMES) {
				files(job, repo, outcome);
			}
			chunks(job, repo, "written");
			chunks(job, repo, "deleted");
			bytes(job, repo);
			failures(job, repo);
			gauge("chunker.repository.last.success", "End of the repository's last completed run, Unix seconds", job, repo);
		}
	}

	void running(String job, boolean running) {
		gauge("chunker.job.running", "", job, null).set(running ? 1 : 0);
	}

	void skipped(String job) {
		skipped(job, 1);
	}

	private void skipped(String job, long amount) {
		Counter.builder("chunker.job.triggers.skipped")
			.description("Triggers skipped because the job's previous run was still going")
			.tag("job", job)
			.register(this.registry)
			.increment(amount);
	}

	void repositoryFinished(String job, RepositoryResult result) {
		String repo = result.repo();
		Timer.builder("chunker.repository.run.duration")
			.description("Time of one repository's run")
			.tags("job", job, "repo", repo, "outcome", result.outcome().name())
			.register(this.registry)
			.record(result.duration());
		RunSummary summary = result.summary();
		if (result.completed() && summary != null) {
			long[] counts = { summary.filesScanned(), summary.filesNew(), summary.filesChanged(), summary.filesUnchanged(),
					summary.filesDeleted(), summary.filesFailed() };
			for (int i = 0; i < counts.length; i++) {
				files(job, repo, FILE_OUTCOMES.get(i)).increment(counts[i]);
			}
			chunks(job, repo, "written").increment(summary.chunksWritten());
			chunks(job, repo, "deleted").increment(summary.chunksDeleted());
			bytes(job, repo).increment(summary.bytesScanned());
			gauge("chunker.repository.last.success", "", job, repo).set(System.currentTimeMillis() / 1000);
		}
		else if (result.outcome() != RepositoryResult.Outcome.NOT_STARTED) {
			failures(job, repo).increment();
		}
	}

	void jobFinished(JobResult result) {
		jobRuns(result.job(), result.status()).increment();
		Timer.builder("chunker.job.run.duration")
			.description("Time of one run of the job over all its repositories")
			.tag("job", result.job())
			.register(this.registry)
			.record(result.duration());
		if (result.completed()) {
			gauge("chunker.job.last.success", "", result.job(), null).set(System.currentTimeMillis() / 1000);
		}
	}

	private Counter jobRuns(String job, String status) {
		return Counter.builder("chunker.job.runs").description("Runs of the job by result").tags("job", job, "status", status)
			.register(this.registry);
	}

	private Counter files(String job, String repo, String outcome) {
		return Counter.builder("chunker.repository.files")
			.description("Files of completed repository runs by outcome")
			.tags("job", job, "repo", repo, "outcome", outcome)
			.register(this.registry);
	}

	private Counter chunks(String job, String repo, String operation) {
		return Counter.builder("chunker.repository.chunks")
			.description("Chunk rows written and deleted by completed repository runs")
			.tags("job", job, "repo", repo, "operation", operation)
			.register(this.registry);
	}

	private Counter bytes(String job, String repo) {
		return Counter.builder("chunker.repository.scanned.bytes")
			.description("Bytes of the files listed by completed repository runs")
			.tags("job", job, "repo", repo)
			.register(this.registry);
	}

	private Counter failures(String job, String repo) {
		return Counter.builder("chunker.repository.failures")
			.description("Repository runs that failed, were stopped or were refused")
			.tags("job", job, "repo", repo)
			.register(this.registry);
	}

	private AtomicLong gauge(String name, String description, String job, @Nullable String repo) {
		String key = name + "|" + job + "|" + repo;
		return this.gauges.computeIfAbsent(key, (k) -> {
			AtomicLong value = new AtomicLong();
			Gauge.Builder<AtomicLong> builder = Gauge.builder(name, value, AtomicLong::doubleValue).description(description).tag("job", job);
			if (repo != null) {
				builder.tag("repo", repo);
			}
			if (name.endsWith(".last.success")) {
				builder.baseUnit("seconds");
			}
			builder.register(this.registry);
			return value;
		});
	}

}
