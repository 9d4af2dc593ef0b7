package org.perdition.benchmark.side;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one run, by protocol, target and {@link Figure}, and the one Markdown table they
 * print as: each target's value with its ratio to direct Dovecot where a ratio means something, and
 * issue 8's perdition / nginx ranges and our target beside them.
 */
final class Report {

    private final Map<Proto, Map<String, Map<Figure, Double>>> values = new EnumMap<>(Proto.class);
    private final List<String> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final int[] idle;
    private final int clients;

    Report(int[] idle, int clients) {
        this.idle = idle;
        this.clients = clients;
    }

    void put(Proto proto, String target, Figure figure, double value) {
        if (!targets.contains(target)) {
            targets.add(target);
        }
        values.computeIfAbsent(proto, p -> new LinkedHashMap<>())
                .computeIfAbsent(target, t -> new EnumMap<>(Figure.class)).put(figure, value);
    }

    Double get(Proto proto, String target, Figure figure) {
        return values.getOrDefault(proto, Map.of()).getOrDefault(target, Map.of()).get(figure);
    }

    void note(String line) {
        notes.add(line);
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        for (Proto proto : values.keySet()) {
            out.append("\n### ").append(proto.label()).append("\n\n| figure |");
            targets.forEach(t -> out.append(' ').append(t).append(" |"));
            out.append(" issue: perdition 2.2 | issue: nginx | issue: ours, target |\n|---|");
            targets.forEach(t -> out.append("---|"));
            out.append("---|---|---|\n");
            for (Figure f : Figure.values()) {
                out.append("| ").append(label(f)).append(" |");
                for (String t : targets) {
                    out.append(' ').append(cell(proto, t, f)).append(" |");
                }
                out.append(' ').append(f.perdition).append(" | ").append(f.nginx).append(" | ")
                        .append(f.target).append(" |\n");
            }
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    private String label(Figure f) {
        String first = idle.length > 0 ? String.format("%,d", idle[0]) : "-";
        String last = idle.length > 0 ? String.format("%,d", idle[idle.length - 1]) : "-";
        return f.label.replace("32 clients", clients + " clients").replace("1st idle count", first + " idle").replace("2nd idle count", last + " idle");
    }

    private String cell(Proto proto, String target, Figure f) {
        Double v = get(proto, target, f);
        if (v == null || v.isNaN()) {
            return "–";
        }
        String text = String.format(f.format, v);
        Double direct = get(proto, "direct", f);
        if (f.ratio && !"direct".equals(target) && direct != null && direct > 0) {
            text += String.format(" (×%.2f)", v / direct);
        }
        return text;
    }
}
