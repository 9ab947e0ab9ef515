package io.polyclinic.contracts.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * How an {@link Order} was paid. Amounts are exact decimals in {@code currency}'s units, kept in {@link Money}'s
 * canonical form.
 *
 * @param transaction the payment's transaction id; equals the order's {@code order_uid}
 * @param requestId the payment request id, often empty
 * @param currency the ISO 4217 code ({@code USD})
 * @param provider the payment provider ({@code wbpay})
 * @param amount the total paid: goods, delivery and fees
 * @param paymentDt when it was paid, in Unix seconds
 * @param bank the bank
 * @param deliveryCost the delivery's cost
 * @param goodsTotal the goods' cost
 * @param customFee customs fees
 */
public record Payment(
        @JsonProperty("transaction") String transaction,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("currency") String currency,
        @JsonProperty("provider") String provider,
        @JsonProperty("amount") BigDecimal amount,
        @JsonProperty("payment_dt") long paymentDt,
        @JsonProperty("bank") String bank,
        @JsonProperty("delivery_cost") BigDecimal deliveryCost,
        @JsonProperty("goods_total") BigDecimal goodsTotal,
        @JsonProperty("custom_fee") BigDecimal customFee) {

    public Payment {
        amount = Money.canonical(amount);
        deliveryCost = Money.canonical(deliveryCost);
        goodsTotal = Money.canonical(goodsTotal);
        customFee = Money.canonical(customFee);
    }
}
