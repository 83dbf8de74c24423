package io.github.modelarts.taskevents.fetch;

import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * GETs one page of a dataset's task list (docs/modelarts-api.md#task-list) through the route
 * {@code fetch-list-page}, with the same client, retries and failures as a task's GET.
 */
public final class TaskLister {
    /** The most the list API returns at once: the fewest requests per dataset. */
    public static final int PAGE_SIZE = 100;

    /** One page as fetched: the body, usable when {@code result} says so. */
    public record Page(FetchResult result, byte[] body) {
    }

    private final Supplier<ProducerTemplate> camel;

    /** {@code camel} is asked once Camel has started: the template does not exist before. */
    public TaskLister(Supplier<ProducerTemplate> camel) {
        this.camel = camel;
    }

    /** Page {@code page} (a page index, not an item offset) of the tasks of {@code type}. */
    public Page page(String datasetId, String type, int page) {
        Exchange done = camel.get().send("direct:fetch-list-page", exchange -> {
            exchange.setVariable("datasetId", datasetId);
            exchange.setVariable("type", type);
            exchange.setVariable("limit", PAGE_SIZE);
            exchange.setVariable("page", page);
        });
        return new Page(done.getVariable(FetchResult.VARIABLE, FetchResult.class),
                done.getMessage().getBody(byte[].class));
    }
}
