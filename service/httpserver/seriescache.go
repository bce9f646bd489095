package httpserver

import "sync"

// seriesCache keeps the Prometheus series a hot path uses, looked up once by their
// labels: a Vec's WithLabelValues hashes the label values on every call.
type seriesCache[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
}

// get returns the series of key, made by make the first time.
func (c *seriesCache[K, V]) get(key K, make func() V) V {
	c.mu.RLock()
	v, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.m[key]; ok {
		return v
	}
	if c.m == nil {
		c.m = map[K]V{}
	}
	v = make()
	c.m[key] = v
	return v
}
