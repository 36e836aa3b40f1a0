package dev.chunker.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The JDK's own sources of {@code java.util} (its top-level package), from the running JDK's {@code lib/src.zip}. */
final class JdkSources {

	static final String PREFIX = "java.base/java/util/";

	private JdkSources() {
	}

	/** File path (as {@code java/util/Name.java}) to bytes, in name order. */
	static Map<String, byte[]> javaUtil() throws IOException {
		Path zip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
		List<String> names = new ArrayList<>();
		Map<String, byte[]> files = new LinkedHashMap<>();
		try (ZipFile file = new ZipFile(zip.toFile())) {
			Enumeration<? extends ZipEntry> entries = file.entries();
			while (entries.hasMoreElements()) {
				String name = entries.nextElement().getName();
				if (name.startsWith(PREFIX) && name.endsWith(".java") && name.indexOf('/', PREFIX.length()) < 0) {
					names.add(name);
				}
			}
			names.sort(null);
			for (String name : names) {
				try (InputStream in = file.getInputStream(file.getEntry(name))) {
					files.put(name.substring("java.base/".length()), in.readAllBytes());
				}
			}
		}
		return files;
	}

}
