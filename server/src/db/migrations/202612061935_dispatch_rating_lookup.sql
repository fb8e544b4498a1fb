-- Suggestions read residents' ratings of the orders a volunteer was named on (suggestions.repository
-- ratingCounts: volunteer_ids && the candidates): a GIN index answers that overlap without reading every order.
CREATE INDEX dispatch_orders_volunteers_idx ON dispatch_orders USING gin (volunteer_ids);
