# The API alone; docker-compose.yml pairs it with neo4j:5.26-community, so no JVM is needed in this image.
# test/integration/docker-image.test.ts rebuilds each stage from exactly the files named here and runs the result.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The generator behind `npm run generate` is compiled with the rest; the benchmark and the tests are not.
COPY seed/synthetic ./seed/synthetic
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
# The API and the explorer page (dist/web).
COPY --from=build /app/dist ./dist
# Migrations and the document format, read at start.
COPY schema ./schema
COPY seed/documents ./seed/documents
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/index.js"]
