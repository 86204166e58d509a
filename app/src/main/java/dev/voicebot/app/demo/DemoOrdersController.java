package dev.voicebot.app.demo;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /demo/orders/{number}}: one of {@link DemoOrders} as JSON ({@code number},
 * {@code status}, {@code expected}), or 404. What the demo dialplan's order lookup asks.
 */
@RestController
@RequestMapping("/demo/orders")
public class DemoOrdersController {

  private final DemoOrders orders;

  public DemoOrdersController(DemoOrders orders) {
    this.orders = orders;
  }

  @GetMapping("/{number}")
  public ResponseEntity<DemoOrders.Order> order(@PathVariable("number") String number) {
    return ResponseEntity.of(orders.find(number));
  }
}
