package dev.mediapipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @Test
    void deletesATreeButNotWhatALinkPointsAt(@TempDir Path tmp) throws Exception {
        Path outside = Files.writeString(tmp.resolve("keep.txt"), "keep");
        Path root = Files.createDirectories(tmp.resolve("work/a/b"));
        Files.writeString(root.resolve("segment.ts"), "x");
        Files.createSymbolicLink(tmp.resolve("work/link"), outside);

        Directories.deleteTree(tmp.resolve("work"));

        assertThat(tmp.resolve("work")).as("the tree is gone").doesNotExist();
        assertThat(outside).as("a link's target survives").hasContent("keep");
    }

    @Test
    void anAbsentDirectoryIsNotAnError(@TempDir Path tmp) throws Exception {
        Directories.deleteTree(tmp.resolve("never-created"));
        assertThat(tmp.resolve("never-created")).doesNotExist();
    }
}
