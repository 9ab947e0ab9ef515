package io.polyclinic.ingest.imports;

import io.polyclinic.ingest.dataset.SinkRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands rows from the thread that reads the file to the thread that loads them, in batches, so that parsing and
 * loading overlap while at most {@code capacity} batches wait in memory. The reader {@link #put}s rows and then
 * {@link #finish}es or {@link #fail}s; the loader iterates. When the loader stops early it {@link #close}s the pipe
 * and the reader's next put fails with {@link ClosedException}.
 */
final class RowPipe implements Iterator<SinkRow> {

    /** Rows per batch handed over. */
    static final int BATCH = 500;

    private static final List<SinkRow> END = List.of();

    private final BlockingQueue<List<SinkRow>> queue;
    private List<SinkRow> filling = new ArrayList<>(BATCH);
    private List<SinkRow> current = List.of();
    private int position;
    private boolean ended;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    /** The loader went away; the reader stops. */
    static final class ClosedException extends RuntimeException {
        ClosedException() {
            super("the loader stopped", null, false, false);
        }
    }

    RowPipe(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Reader side: adds one row. */
    void put(SinkRow row) {
        filling.add(row);
        if (filling.size() == BATCH) {
            offer(filling);
            filling = new ArrayList<>(BATCH);
        }
    }

    /** Reader side: no more rows. */
    void finish() {
        if (!filling.isEmpty()) {
            offer(filling);
        }
        offer(END);
    }

    /** Reader side: reading failed; the loader's next {@link #hasNext} throws it. */
    void fail(RuntimeException e) {
        failure = e;
        queue.clear();
        // the reader is the only producer and the queue was just emptied: there is room for the end marker
        if (!queue.offer(END)) {
            throw new IllegalStateException("No room for the end of the rows", e);
        }
    }

    /** Loader side: stop; the reader's next put throws {@link ClosedException}. */
    void close() {
        closed = true;
        queue.clear();
    }

    @Override
    public boolean hasNext() {
        while (!ended && position >= current.size()) {
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading", e);
            }
            position = 0;
            if (current == END) {
                ended = true;
            }
        }
        if (ended && failure != null) {
            throw failure;
        }
        return !ended;
    }

    @Override
    public SinkRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.get(position++);
    }

    private void offer(List<SinkRow> batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new ClosedException();
                }
            }
            if (closed) {
                throw new ClosedException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClosedException();
        }
    }
}
