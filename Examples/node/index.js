// Order intake API: accepts an order, validates it and stores it.
'use strict';

const express = require('express');
const { Pool } = require('pg');
const pino = require('pino');
const { v4: uuid } = require('uuid');
const { z } = require('zod');

const log = pino();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const Order = z.object({ sku: z.string().min(1), quantity: z.number().int().positive() });

const app = express();
app.use(express.json());
app.post('/orders', async (req, res) => {
  const parsed = Order.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json(parsed.error.flatten());
    return;
  }
  const id = uuid();
  await pool.query('INSERT INTO orders (id, sku, quantity) VALUES ($1, $2, $3)', [id, parsed.data.sku, parsed.data.quantity]);
  log.info({ id }, 'order accepted');
  res.status(201).json({ id });
});
app.listen(3000, () => log.info('orders-service listening on 3000'));
