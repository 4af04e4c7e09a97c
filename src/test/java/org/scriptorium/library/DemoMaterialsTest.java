package org.scriptorium.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DemoMaterialsTest {

    private final StructureParser parser = new StructureParser();

    static List<String[]> rows() throws IOException {
        return read("materials.tsv").lines().skip(1).map(line -> line.split("\t")).toList();
    }

    static Stream<String> files() throws IOException {
        return rows().stream().map(row -> row[0]);
    }

    private static String read(String name) throws IOException {
        try (InputStream in = DemoMaterialsTest.class.getResourceAsStream("/demo/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    @DisplayName("every demo material parses with a title, headings and a body of 600 to 3500 characters")
    void parses(String file) throws IOException {
        ParsedMaterial parsed = parser.parse(read(file));
        assertThat(parsed.title()).isNotBlank().doesNotContain("。");
        assertThat(parsed.outline()).isNotEmpty();
        assertThat(parsed.outline().getFirst().level()).isEqualTo(1);
        assertThat(parsed.characters()).isBetween(600, 3500);
        assertThat(parsed.placeholders()).isNotEmpty();
    }

    @Test
    @DisplayName("the catalogue lists eight files with known kinds, three FREE, and one outside a three-year window")
    void catalogue() throws IOException {
        List<String[]> rows = rows();
        assertThat(rows).hasSize(8).allSatisfy(row -> assertThat(row).hasSize(5));
        assertThat(rows).extracting(row -> row[1])
                .allMatch(Set.of("讲话稿", "工作报告", "总结", "方案", "心得体会", "主持词")::contains);
        assertThat(rows).filteredOn(row -> row[3].equals("FREE")).hasSize(3);
        assertThat(rows).filteredOn(row -> row[3].equals("MEMBER")).hasSize(5);
        assertThat(rows).extracting(row -> Integer.parseInt(row[4])).contains(3, 1500);
    }

    @Test
    @DisplayName("two demo materials carry a source notice that the parser strips")
    void notices() throws IOException {
        long withNotices = files().filter(file -> {
            try {
                return !parser.parse(read(file)).strippedNotices().isEmpty();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).count();
        assertThat(withNotices).isEqualTo(2);
        assertThat(Arrays.asList(parser.parse(read("01-乡村振兴推进会讲话.txt")).body().split("\n")))
                .first().isEqualTo("在全县乡村振兴工作推进会上的讲话");
    }

    @Test
    @DisplayName("the two longer speeches (防汛, 专题党课) are found by the titles a reader would search for, with 一、 and （一） headings")
    void longerSpeeches() throws IOException {
        ParsedMaterial flood = parser.parse(read("07-防汛工作会议讲话.txt"));
        assertThat(flood.title()).isEqualTo("在全县防汛工作会议上的讲话");
        assertThat(flood.characters()).isBetween(2000, 3500);
        assertThat(flood.outline()).extracting(Heading::level).contains(1, 2);
        ParsedMaterial lecture = parser.parse(read("08-专题党课讲稿.txt"));
        assertThat(lecture.title()).contains("基层党建");
        assertThat(lecture.characters()).isBetween(2000, 3500);
        assertThat(lecture.outline()).extracting(Heading::level).contains(1, 2);
    }
}
