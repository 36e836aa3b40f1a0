package dev.chunker.job;

import dev.chunker.store.ManifestEntry;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Wraps the worker step's processor: every bean of this type in the context is applied where the step is built.
 * The application registers none; the tests register one to fail or slow down chosen files in a real run.
 */
@FunctionalInterface
public interface FileProcessorDecorator {

	ItemProcessor<ManifestEntry, FileOutcome> decorate(ItemProcessor<ManifestEntry, FileOutcome> processor);

}
