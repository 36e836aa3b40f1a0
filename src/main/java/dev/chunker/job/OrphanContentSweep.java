package dev.chunker.job;

import dev.chunker.store.ContentDao;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes stored contents that no file points at, each in a transaction of its own (see
 * {@link ContentDao#deleteIfOrphan}). The finalize step runs it once its own transaction has committed, so the
 * contents of the files it removed go too; {@code chunker gc} runs it on demand.
 */
public class OrphanContentSweep {

	private final ContentDao contents;

	private final TransactionTemplate eachOnItsOwn;

	public OrphanContentSweep(ContentDao contents, PlatformTransactionManager transactionManager) {
		this.contents = contents;
		this.eachOnItsOwn = new TransactionTemplate(transactionManager);
		this.eachOnItsOwn.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** @return the content rows deleted */
	public int sweep() {
		int deleted = 0;
		for (String hash : this.contents.orphans()) {
			if (Boolean.TRUE.equals(this.eachOnItsOwn.execute((status) -> this.contents.deleteIfOrphan(hash)))) {
				deleted++;
			}
		}
		return deleted;
	}

}
