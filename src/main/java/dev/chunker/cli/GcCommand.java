package dev.chunker.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import dev.chunker.job.OrphanContentSweep;
import dev.chunker.settings.ChunkerSettings;
import dev.chunker.store.ContentDao;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code chunker gc}: deletes stored file contents no file points at any more. Every run does this in its finalize
 * step; the command is for a run whose sweep failed, or after repositories' rows were removed by hand. Safe while
 * runs are going on: the same sweep as a run's, one delete per transaction ({@link OrphanContentSweep}).
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
		description = "Delete stored file contents that no indexed file uses any more (runs do this themselves).")
final class GcCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	CommandSpec spec;

	@Mixin
	@SuppressWarnings("NullAway.Init")
	DatabaseOptions options;

	@Override
	public Integer call() {
		ChunkerSettings settings = this.options.settings(java.util.Map.of());
		String url = this.options.url(settings);
		try (ConfigurableApplicationContext context = DatabaseContext.startQuery(settings, url, this.options.verbose)) {
			ContentDao contents = new ContentDao(context.getBean(JdbcTemplate.class));
			ContentDao.Totals before = contents.totals();
			int deleted = new OrphanContentSweep(contents,
					new DataSourceTransactionManager(context.getBean(DataSource.class))).sweep();
			ContentDao.Totals after = contents.totals();
			PrintWriter out = this.spec.commandLine().getOut();
			out.printf(Locale.ROOT, "deleted %d unused stored contents (%d bytes); %d contents (%d bytes) remain in %s%n",
					deleted, before.bytes() - after.bytes(), after.contents(), after.bytes(), DatabaseContext.describe(url));
			out.flush();
		}
		return ChunkerCommand.OK;
	}

}
