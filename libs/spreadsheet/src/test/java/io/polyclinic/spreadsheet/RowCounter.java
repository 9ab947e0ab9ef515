package io.polyclinic.spreadsheet;

import java.nio.file.Path;

/** A tiny program run in a forked JVM with a small heap: reads a file as a table and prints the data row count. */
public final class RowCounter {

    private RowCounter() {}

    /**
     * @param args the file path, then the file name
     */
    public static void main(String[] args) {
        var count = new long[1];
        try (var file = Spreadsheets.open(Path.of(args[0]), args[1])) {
            file.readTable(0, new TableHandler() {
                @Override
                public void onHeader(HeaderRow header) {
                    // The header is not counted.
                }

                @Override
                public boolean onRow(SheetRow row) {
                    count[0]++;
                    return true;
                }
            });
        }
        System.out.println(
                "rows=" + count[0] + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
