package dev.warden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** What the README's walkthrough leaves in the repository root must never show up in {@code git status}. */
class WalkthroughFilesTest {

    /** curl writes a cookie jar with -c and a body with -o. */
    private static final Pattern WRITTEN = Pattern.compile("curl [^\\n]*?(?:-c|-o|--cookie-jar|--output) (\\S+)");

    @Test
    void gitIgnoresTheFilesTheReadmeWalkthroughWrites() throws IOException, InterruptedException {
        Set<String> written = new TreeSet<>();
        Matcher curl = WRITTEN.matcher(Files.readString(Path.of("README.md")));
        while (curl.find()) {
            written.add(curl.group(1));
        }
        assertThat(written).as("files the walkthrough writes").contains("cookies.txt");
        for (String file : written) {
            // --no-index: the answer for the path itself, even if someone has already committed such a file.
            Process git = new ProcessBuilder("git", "check-ignore", "--quiet", "--no-index", file)
                    .redirectErrorStream(true).start();
            assertThat(git.waitFor()).as("git check-ignore " + file + ": 0 when ignored").isZero();
        }
    }
}
