package dev.vla4j.policy.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts for people: learning curves and success rates with their confidence intervals (headless). */
public final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private Charts() {}

    /** One y series against x, e.g. loss per step. */
    public record Series(String name, List<? extends Number> x, List<? extends Number> y) {
        public Series {
            if (x.size() != y.size()) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.size() + " x and " + y.size() + " y values");
            }
        }
    }

    /** A line chart (e.g. the learning curve), with a log y axis when {@code logY}. */
    public static void lines(Path png, String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setChartBackgroundColor(Color.WHITE);
        for (Series s : series) {
            if (!s.x().isEmpty()) {
                XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
                line.setMarker(SeriesMarkers.NONE);
            }
        }
        save(png, chart);
    }

    /** One bar per category with an error bar from {@code low} to {@code high} (e.g. a Wilson 95% interval). */
    public record Bar(String category, double value, double low, double high) {}

    /** Bars grouped by series name (e.g. one series per policy), each bar with its interval. */
    public static void bars(Path png, String title, String yLabel, Map<String, List<Bar>> seriesByName) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setChartBackgroundColor(Color.WHITE);
        seriesByName.forEach((name, bars) -> chart.addSeries(name,
                bars.stream().map(Bar::category).toList(),
                bars.stream().map(Bar::value).toList(),
                bars.stream().map(b -> Math.max(b.value() - b.low(), b.high() - b.value())).toList()));
        save(png, chart);
    }

    private static void save(Path png, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, png.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + png, e);
        }
    }
}
