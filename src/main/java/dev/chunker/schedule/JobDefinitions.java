package dev.chunker.schedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Finds and loads job definitions ({@code jobs/*.yaml}): one file, every file of a directory (names unique), or
 * one by name. What a file may say is {@link JobDefinitionReader}'s business.
 */
public final class JobDefinitions {

	/** The directory of job definitions when none is given. */
	public static final Path DEFAULT_DIR = Path.of("jobs");

	private JobDefinitions() {
	}

	/** Reads one definition file. */
	public static JobDefinition load(Path file, Map<String, String> env) {
		if (!Files.isRegularFile(file)) {
			throw new JobDefinitionException("job definition " + file + " does not exist");
		}
		Node root;
		try (Reader reader = Files.newBufferedReader(file)) {
			root = new Yaml().compose(reader);
		}
		catch (MarkedYAMLException ex) {
			int line = (ex.getProblemMark() != null) ? ex.getProblemMark().getLine() + 1 : 1;
			throw new JobDefinitionException(file + ":" + line + ": not valid YAML: " + ex.getProblem());
		}
		catch (YAMLException ex) {
			throw new JobDefinitionException(file + ": not valid YAML: " + DefinitionNodes.firstLine(ex.getMessage()));
		}
		catch (IOException ex) {
			throw new JobDefinitionException("cannot read job definition " + file + ": " + ex.getMessage());
		}
		return new JobDefinitionReader(file, env).definition(root);
	}

	/** Reads every {@code *.yaml} and {@code *.yml} file of a directory, in file name order. */
	public static List<JobDefinition> loadAll(Path dir, Map<String, String> env) {
		if (!Files.isDirectory(dir)) {
			throw new JobDefinitionException("job directory " + dir + " does not exist");
		}
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
			stream.forEach(files::add);
		}
		catch (IOException ex) {
			throw new JobDefinitionException("cannot list job directory " + dir + ": " + ex.getMessage());
		}
		files.sort(null);
		List<JobDefinition> definitions = new ArrayList<>();
		Map<String, JobDefinition> byName = new HashMap<>();
		for (Path file : files) {
			JobDefinition definition = load(file, env);
			JobDefinition other = byName.putIfAbsent(definition.name(), definition);
			if (other != null) {
				throw new JobDefinitionException(file + ": name: job '" + definition.name() + "' is also defined in "
						+ other.file() + "; job names must be unique");
			}
			definitions.add(definition);
		}
		return definitions;
	}

	/**
	 * Finds a definition: a file path, else {@code DIR/NAME.yaml} (or {@code .yml}), else the definition of the
	 * directory whose {@code name} is NAME.
	 */
	public static JobDefinition find(String nameOrFile, Path dir, Map<String, String> env) {
		Path asFile = Path.of(nameOrFile);
		if (Files.isRegularFile(asFile)) {
			return load(asFile, env);
		}
		for (String extension : List.of(".yaml", ".yml")) {
			Path candidate = dir.resolve(nameOrFile + extension);
			if (!nameOrFile.contains("/") && Files.isRegularFile(candidate)) {
				return load(candidate, env);
			}
		}
		if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || nameOrFile.contains("/")) {
			throw new JobDefinitionException("job definition " + nameOrFile + " does not exist");
		}
		if (!Files.isDirectory(dir)) {
			throw new JobDefinitionException("no job '" + nameOrFile + "': job directory " + dir + " does not exist");
		}
		List<JobDefinition> all = loadAll(dir, env);
		return all.stream()
			.filter((definition) -> definition.name().equals(nameOrFile))
			.findFirst()
			.orElseThrow(() -> new JobDefinitionException("no job '" + nameOrFile + "' in " + dir + " (known: "
					+ String.join(", ", all.stream().map(JobDefinition::name).toList()) + ")"));
	}

}
