package dev.chunker.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.chunker.bench.CoreBenchmark;
import dev.chunker.bench.LanguageBenchmark;
import dev.chunker.bench.Measurement;
import dev.chunker.bench.Resources;
import dev.chunker.job.IndexLauncher;
import dev.chunker.job.IndexOutcome;
import dev.chunker.scan.ScanResult;
import dev.chunker.scan.ScannedFile;
import dev.chunker.scan.SourceScanner;
import dev.chunker.settings.ChunkerRuntime;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.settings.SettingKey;
import dev.chunker.store.RunDao;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code chunker bench DIR}: measures, on the same files in one process, reading, parse-only, chunk-only, the AST
 * cache, and the full job cold, unchanged and after touching 1 % of the files; prints the ratios that matter.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "Measure read, parse, chunk and full-job throughput on a directory, side by side.")
final class BenchCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "DIR")
	@SuppressWarnings("NullAway.Init")
	Path dir;

	@Option(names = "--threads", split = ",", paramLabel = "N[,N...]", defaultValue = "1,2",
			description = "Thread counts to measure (default 1,2); the job runs with the largest.")
	List<Integer> threads = List.of(1, 2);

	@Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "Repetitions of each phase; the median is reported.")
	int runs = 1;

	@Option(names = "--db", paramLabel = "JDBC_URL", description = "Database for the job phases (default: a fresh H2 file database).")
	@Nullable String db;

	@Option(names = "--no-job", description = "Skip the job phases.")
	boolean noJob;

	@Option(names = "--per-language", description = "Also measure parse-only and chunk-only per language (one thread).")
	boolean perLanguage;

	@Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
	@Nullable Path json;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	CommonOptions options;

	@Override
	public Integer call() throws Exception {
		if (!Files.isDirectory(this.dir)) {
			throw new ChunkerCommand.UsageException(this.dir + " is not a directory");
		}
		if (this.threads.isEmpty() || this.threads.stream().anyMatch((t) -> t < 1) || this.runs < 1) {
			throw new ChunkerCommand.UsageException("--threads and --runs must be positive");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		int maxThreads = this.threads.stream().max(Integer::compare).orElse(1);
		ChunkerSettings settings = this.options.settings(
				Map.of(SettingKey.PARALLEL_WORKERS.key(), maxThreads, SettingKey.CACHE_SIZE.key(), 100_000));
		Path root = this.dir.toRealPath();
		List<Measurement> results = new ArrayList<>();
		List<ScannedFile> files;
		List<LanguageBenchmark.Row> languages = List.of();
		try (ChunkerRuntime runtime = settings.newChunkerRuntime()) {
			SourceScanner scanner = new SourceScanner(runtime.chunker().rules(), List.of(), List.of(),
					settings.memory().maxFileBytes(), true);
			ScanResult scan = scanner.scan(root);
			files = scan.files();
			out.printf(Locale.ROOT, "corpus %s: %d files, %.1f MiB; %d cores, java %s%n", root, files.size(),
					files.stream().mapToLong(ScannedFile::size).sum() / 1048576.0, Runtime.getRuntime().availableProcessors(),
					Runtime.version());
			out.flush();
			CoreBenchmark core = new CoreBenchmark(root, files, runtime.chunker());
			// Warm-up: JIT, grammars, parsers, upcall stubs.
			core.chunkOnly(maxThreads);
			results.add(median(core::readOnly));
			for (int t : this.threads) {
				results.add(median(() -> core.parseOnly(t)));
			}
			for (int t : this.threads) {
				results.add(median(() -> core.chunkOnly(t)));
			}
			results.add(median(() -> core.packOnly(1, settings.packOptions())));
			results.add(median(() -> core.chunkAndPack(1, settings.packOptions())));
			results.addAll(core.cache(2000));
			print(out, results);
			if (this.perLanguage) {
				languages = LanguageBenchmark.run(root, files, runtime.chunker());
				LanguageBenchmark.print(out, languages);
			}
		}
		if (!this.noJob) {
			results.addAll(jobPhases(settings, root, files, out));
			print(out, results);
		}
		printRatios(out, results, maxThreads);
		if (this.json != null) {
			Map<String, Object> document = new LinkedHashMap<>();
			document.put("corpus", root.toString());
			document.put("cores", Runtime.getRuntime().availableProcessors());
			document.put("java", Runtime.version().toString());
			document.put("results", results);
			document.put("ratios", ratios(results, maxThreads));
			document.put("languages", languages);
			Files.writeString(this.json, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(document));
		}
		out.flush();
		return ChunkerCommand.OK;
	}

	private List<Measurement> jobPhases(ChunkerSettings settings, Path root, List<ScannedFile> files, PrintWriter out)
			throws Exception {
		Path scratch = Files.createTempDirectory("chunker-bench-");
		try {
			// The job runs on a copy, so touching 1 % of the files never modifies the user's tree.
			Path copy = scratch.resolve("tree");
			copyTree(root, copy);
			String url = (this.db != null) ? this.db : "jdbc:h2:file:" + scratch.resolve("db/chunker");
			String repo = "bench-" + System.currentTimeMillis();
			List<Measurement> results = new ArrayList<>();
			try (ConfigurableApplicationContext context = DatabaseContext.start(settings, url, false)) {
				IndexLauncher launcher = context.getBean(IndexLauncher.class);
				RunDao runs = context.getBean(RunDao.class);
				int threads = dev.chunker.job.IndexingInfrastructure.threads(settings);
				results.add(job("job-cold", launcher, runs, repo, copy, threads));
				results.add(job("job-unchanged", launcher, runs, repo, copy, threads));
				List<ScannedFile> sorted = new ArrayList<>(files);
				sorted.sort(Comparator.comparing(ScannedFile::path));
				int touched = 0;
				for (int i = 0; i < sorted.size(); i += 100) {
					Files.writeString(copy.resolve(sorted.get(i).path()), "\n", StandardOpenOption.APPEND);
					touched++;
				}
				Measurement touchedRun = job("job-touched-1%", launcher, runs, repo, copy, threads);
				results.add(touchedRun);
				out.printf(Locale.ROOT, "touched %d files (1 %%) by appending a line%n", touched);
			}
			return results;
		}
		finally {
			deleteTree(scratch);
		}
	}

	private static Measurement job(String phase, IndexLauncher launcher, RunDao runs, String repo, Path tree,
			int threads) throws Exception {
		Resources.resetPeaks();
		long start = System.nanoTime();
		IndexOutcome outcome = launcher.index(repo, tree, List.of(), List.of());
		double seconds = (System.nanoTime() - start) / 1e9;
		var summary = runs.run(outcome.runId()).orElseThrow().summary();
		return new Measurement(phase, threads, summary.filesScanned(), summary.bytesScanned(), summary.chunksWritten(),
				seconds, Resources.peakHeapMiB(), Resources.peakRssMiB());
	}

	private Measurement median(Callable<Measurement> phase) throws Exception {
		List<Measurement> runs = new ArrayList<>();
		for (int i = 0; i < this.runs; i++) {
			runs.add(phase.call());
		}
		runs.sort(Comparator.comparingDouble(Measurement::seconds));
		return runs.get(runs.size() / 2);
	}

	private static void print(PrintWriter out, List<Measurement> results) {
		out.printf("%-16s %7s %7s %9s %9s %8s %9s %10s %9s %8s%n", "PHASE", "THREADS", "FILES", "MIB", "SECONDS", "MIB/S",
				"FILES/S", "CHUNKS/S", "HEAP MIB", "RSS MIB");
		for (Measurement m : results) {
			out.printf(Locale.ROOT, "%-16s %7d %7d %9.1f %9.2f %8.2f %9.0f %10.0f %9d %8s%n", m.phase(), m.threads(),
					m.files(), m.bytes() / 1048576.0, m.seconds(), m.mibPerSecond(), m.filesPerSecond(), m.chunksPerSecond(),
					m.peakHeapMiB(), (m.peakRssMiB() < 0) ? "-" : Long.toString(m.peakRssMiB()));
		}
		out.println();
		out.flush();
	}

	private static void printRatios(PrintWriter out, List<Measurement> results, int maxThreads) {
		ratios(results, maxThreads).forEach((name, value) -> out.printf(Locale.ROOT, "%-44s %8.2f%n", name, value));
	}

	static Map<String, Double> ratios(List<Measurement> results, int maxThreads) {
		Map<String, Double> ratios = new LinkedHashMap<>();
		Measurement parseMax = find(results, "parse-only", maxThreads);
		Measurement chunkMax = find(results, "chunk-only", maxThreads);
		Measurement cold = find(results, "job-cold", maxThreads);
		Measurement unchanged = find(results, "job-unchanged", maxThreads);
		if (chunkMax != null && parseMax != null) {
			ratios.put("chunk-only / parse-only (MiB/s, " + maxThreads + " threads)", chunkMax.mibPerSecond() / parseMax.mibPerSecond());
		}
		if (cold != null && parseMax != null) {
			ratios.put("job cold / parse-only (MiB/s, " + maxThreads + " threads)", cold.mibPerSecond() / parseMax.mibPerSecond());
		}
		if (cold != null && unchanged != null) {
			ratios.put("job cold time / unchanged re-run time", cold.seconds() / unchanged.seconds());
		}
		Measurement parse1 = find(results, "parse-only", 1);
		Measurement chunk1 = find(results, "chunk-only", 1);
		if (parse1 != null && parseMax != null && maxThreads > 1) {
			ratios.put("parse-only " + maxThreads + " threads / 1 thread", parseMax.mibPerSecond() / parse1.mibPerSecond());
		}
		if (chunk1 != null && chunkMax != null && maxThreads > 1) {
			ratios.put("chunk-only " + maxThreads + " threads / 1 thread", chunkMax.mibPerSecond() / chunk1.mibPerSecond());
		}
		Measurement miss = find(results, "ast-cache-miss", 1);
		Measurement hit = find(results, "ast-cache-hit", 1);
		if (miss != null && hit != null) {
			ratios.put("AST cache hit speed-up (miss time / hit time)", miss.seconds() / hit.seconds());
		}
		return ratios;
	}

	private static @Nullable Measurement find(List<Measurement> results, String phase, int threads) {
		return results.stream().filter((m) -> m.phase().equals(phase) && m.threads() == threads).findFirst().orElse(null);
	}

	private static void copyTree(Path from, Path to) throws IOException {
		Files.walkFileTree(from, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				Files.createDirectories(to.resolve(from.relativize(dir).toString()));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				if (attrs.isRegularFile()) {
					Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) {
				return FileVisitResult.CONTINUE;
			}

		});
	}

	private static void deleteTree(Path root) {
		try (var paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			// Scratch space in the temp directory; leftovers are harmless.
		}
	}


}
