// Command inventory serves stock levels over HTTP, with Prometheus metrics.
package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	pool, err := pgxpool.New(context.Background(), os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatalf("inventory: %v", err)
	}
	defer pool.Close()

	router := chi.NewRouter()
	router.Get("/stock/{sku}", func(w http.ResponseWriter, r *http.Request) {
		var count int
		err := pool.QueryRow(r.Context(), "SELECT count FROM stock WHERE sku = $1", chi.URLParam(r, "sku")).Scan(&count)
		if err != nil {
			http.Error(w, "unknown sku", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte(strconv.Itoa(count) + "\n"))
	})
	router.Handle("/metrics", promhttp.Handler())
	log.Fatal(http.ListenAndServe(":8080", router))
}
