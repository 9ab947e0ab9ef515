package io.polyclinic.contracts.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One line of an {@link Order}. {@code totalPrice} is {@code price} less {@code sale} percent, rounded to a whole
 * unit ({@code 453} less 30 % is 317.1, so 317).
 *
 * @param chrtId the goods' characteristic id
 * @param trackNumber the shipment's tracking number
 * @param price the unit price before the sale, exact
 * @param rid the line's id
 * @param name the goods' name
 * @param sale the discount in percent, 0 to 100
 * @param size the size, as text ({@code 0} when none)
 * @param totalPrice the price after the sale, exact
 * @param nmId the goods' catalogue id
 * @param brand the brand
 * @param status the line's status code
 */
public record Item(
        @JsonProperty("chrt_id") long chrtId,
        @JsonProperty("track_number") String trackNumber,
        @JsonProperty("price") BigDecimal price,
        @JsonProperty("rid") String rid,
        @JsonProperty("name") String name,
        @JsonProperty("sale") int sale,
        @JsonProperty("size") String size,
        @JsonProperty("total_price") BigDecimal totalPrice,
        @JsonProperty("nm_id") long nmId,
        @JsonProperty("brand") String brand,
        @JsonProperty("status") int status) {

    public Item {
        price = Money.canonical(price);
        totalPrice = Money.canonical(totalPrice);
    }
}
