# The node_modules base. BASE_FROM: the Node image for a fresh base, or the previous base for an
# incremental one (npm ci on top of the old tree).
ARG BASE_FROM=node:20-slim
FROM ${BASE_FROM}
WORKDIR /deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts=false
COPY .deptag/snapshot.json /deptag/snapshot.json
