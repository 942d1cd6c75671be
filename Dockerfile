# One image for the four services; SERVICE chooses which one runs (docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/cli/package.json apps/cli/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npx nx run contracts:codegen --outputStyle=static
ARG SERVICE
ENV SERVICE=${SERVICE} HTTP_HOST=0.0.0.0 NODE_ENV=production NX_DAEMON=false
USER node
CMD ["sh", "-c", "exec node tools/run-service.js \"$SERVICE\""]
