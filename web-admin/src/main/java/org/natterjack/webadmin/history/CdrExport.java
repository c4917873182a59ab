package org.natterjack.webadmin.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.List;
import java.util.Locale;

/** Call records as CSV (RFC 4180, a header line, the columns of {@link CdrRow}) or JSON. */
public enum CdrExport {
    CSV("text/csv; charset=utf-8", "csv"), JSON("application/json", "json");

    private static final CsvMapper CSV_MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV_MAPPER.schemaFor(CdrRow.class).withHeader();
    private static final ObjectWriter CSV_WRITER = CSV_MAPPER.writer(SCHEMA);

    private final String contentType;
    private final String extension;

    CdrExport(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** A file name for a download. */
    public String fileName() {
        return "natterjack-calls." + extension;
    }

    public static CdrExport of(String format) {
        if (format == null || format.isBlank()) {
            return JSON;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("format: csv or json, not '" + format + "'");
        };
    }

    /** The rows as CSV text; JSON goes through the web server's own mapper. */
    public static String csv(List<CdrRow> rows) {
        try {
            return CSV_WRITER.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write call records as CSV", e);
        }
    }

    /** The schema to read an export back with. */
    public static CsvSchema schema() {
        return SCHEMA;
    }
}
