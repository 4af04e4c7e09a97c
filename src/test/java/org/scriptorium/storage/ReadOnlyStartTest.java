package org.scriptorium.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReadOnlyStartTest {

    @Test
    @DisplayName("a read-only data directory stops the start with one clear line and no stack trace")
    void readOnlyDataDirectory() {
        TmpfsMount disk = TmpfsMount.mount(4);
        assumeTrue(disk != null, "needs root to mount a tmpfs");
        try {
            assertThat(disk.readOnly(true)).isTrue();
            Path data = disk.directory();
            assertThat(DataDirectory.problem(data)).hasValueSatisfying(p -> assertThat(p).contains("Read-only"));

            AppProcess.Result start = AppProcess.command(data, Duration.ofMinutes(2), "--server.port=0");
            assertThat(start.status()).as(start.output()).isEqualTo(DataDirectoryCheck.EXIT_STATUS);
            assertThat(start.output()).contains("无法启动：数据目录 " + data.toAbsolutePath() + " 不可写（Read-only file system）");
            assertThat(start.output()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(start.output().strip().lines().filter(l -> l.contains("数据目录")).count()).isEqualTo(1);
        } finally {
            disk.readOnly(false);
            disk.unmount();
        }
    }
}
