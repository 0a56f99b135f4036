// A small HTTP service: the example deptag's golden tests pin (see README, "How Go files are read").
module example.com/shop/inventory

go 1.22

toolchain go1.22.5

require (
	example.com/shop/models v0.0.0-00010101000000-000000000000
	github.com/go-chi/chi/v5 v5.0.12
	github.com/jackc/pgx/v5 v5.5.5
	github.com/prometheus/client_golang v1.19.0
	golang.org/x/sync v0.7.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.2.0 // indirect
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20231201235250-de7065d80cb9 // indirect
	github.com/jackc/puddle/v2 v2.2.1 // indirect
	github.com/prometheus/client_model v0.6.0 // indirect
	github.com/prometheus/common v0.50.0 // indirect
	github.com/prometheus/procfs v0.13.0 // indirect
	golang.org/x/crypto v0.21.0 // indirect
	golang.org/x/sys v0.18.0 // indirect
	golang.org/x/text v0.14.0 // indirect
	google.golang.org/protobuf v1.33.0 // indirect
)

// v0.49.0 broke the expfmt negotiation we rely on.
exclude github.com/prometheus/common v0.49.0

replace (
	// Our fork carries the connection-pool fix until it is released upstream.
	github.com/jackc/puddle/v2 => github.com/example-shop/puddle/v2 v2.2.2-0.20240312094512-7c1e2f3a4b5d

	// Shared models live in the monorepo; their contents are added with --with.
	example.com/shop/models => ../models
)
