package shop.example.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Takes orders, reserves stock, emits events: the HTTP entry point. */
@SpringBootApplication
@RestController
public class OrderServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }

    /** The status of one order. */
    @GetMapping("/orders/{id}")
    public String status(@PathVariable String id) {
        return "order " + id + ": received";
    }
}
