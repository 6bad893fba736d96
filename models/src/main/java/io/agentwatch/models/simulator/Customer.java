package io.agentwatch.models.simulator;

/** A simulated customer, with a (test-range, Luhn-valid) payment card. */
final class Customer {
    final String id;
    final String name;
    final String email;
    final String phone;
    final String cardNumber;

    Customer(String id, String name, String email, String phone, String cardNumber) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.phone = phone;
        this.cardNumber = cardNumber;
    }

    String last4() {
        return cardNumber.substring(cardNumber.length() - 4);
    }
}
