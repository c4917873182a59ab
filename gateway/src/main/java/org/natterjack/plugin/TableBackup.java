package org.natterjack.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link BackupPart} made of whole store tables, one JSON array of row objects per table (keys are the
 * column names). Restore empties the tables (last listed first, so children go before their parents) and
 * inserts the rows; the store's own constraints still apply within the transaction.
 */
public final class TableBackup implements BackupPart {

    /**
     * @param columns the columns backed up, in order (columns left out, and those a row lacks, keep their
     *     defaults on restore)
     * @param orderBy the export order, e.g. {@code "position, id"}
     */
    public record Table(String name, List<String> columns, String orderBy) {
        public Table {
            columns = List.copyOf(columns);
        }
    }

    private final String name;
    private final List<Table> tables;
    private final Consumer<JsonNode> check;

    /**
     * @param check checks the part's meaning once its shape is right (each table an array of row objects with
     *     known columns and plain values); throws IllegalArgumentException
     */
    public TableBackup(String name, List<Table> tables, Consumer<JsonNode> check) {
        this.name = name;
        this.tables = List.copyOf(tables);
        this.check = check;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public JsonNode export(Connection c) throws SQLException {
        ObjectNode part = JsonNodeFactory.instance.objectNode();
        for (Table t : tables) {
            ArrayNode rows = part.putArray(t.name());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                    + String.join(", ", t.columns()) + " FROM " + t.name() + " ORDER BY " + t.orderBy())) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    ObjectNode row = rows.addObject();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.putPOJO(meta.getColumnLabel(i), rs.getObject(i));
                    }
                }
            }
        }
        return part;
    }

    @Override
    public void validate(JsonNode data) {
        for (Table t : tables) {
            for (JsonNode row : rows(data, t.name())) {
                for (Iterator<String> keys = row.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!t.columns().contains(key)) {
                        throw new IllegalArgumentException(name + "." + t.name() + ": unknown column '" + key + "'");
                    }
                    if (row.get(key).isContainerNode()) {
                        throw new IllegalArgumentException(name + "." + t.name() + "." + key
                                + ": a string, number, boolean or null is expected");
                    }
                }
            }
        }
        check.accept(data);
    }

    @Override
    public void restore(Connection c, JsonNode data) throws SQLException {
        for (int i = tables.size() - 1; i >= 0; i--) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM " + tables.get(i).name());
            }
        }
        for (Table t : tables) {
            for (JsonNode row : rows(data, t.name())) {
                insert(c, t, row);
            }
        }
    }

    /** Inserts the columns the row has: one a backup of an older version lacks keeps its default. */
    private static void insert(Connection c, Table t, JsonNode row) throws SQLException {
        List<String> columns = t.columns().stream().filter(row::has).toList();
        String sql = columns.isEmpty() ? "INSERT INTO " + t.name() + " DEFAULT VALUES"
                : "INSERT INTO " + t.name() + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", columns.stream().map(col -> "?").toList()) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
                ps.setObject(i + 1, value(row.get(columns.get(i))));
            }
            ps.executeUpdate();
        }
    }

    /** @throws IllegalArgumentException if the rows of {@code table} are not an array of objects */
    private List<JsonNode> rows(JsonNode data, String table) {
        JsonNode rows = data == null ? null : data.get(table);
        if (rows == null || !rows.isArray()) {
            throw new IllegalArgumentException(name + "." + table + ": an array of rows is expected");
        }
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw new IllegalArgumentException(name + "." + table + ": each row must be an object");
            }
            list.add(row);
        }
        return list;
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? 1 : 0;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        return node.isNumber() ? node.doubleValue() : node.asText();
    }
}
