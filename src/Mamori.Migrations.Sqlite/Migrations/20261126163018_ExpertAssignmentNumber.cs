using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExpertAssignmentNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite cannot add a foreign key to an existing table, so the assignments' table is rebuilt. EF Core's own
            // rebuild switches foreign keys off with a PRAGMA, which cannot run inside a transaction, so a crash midway
            // would leave the database half migrated. Written out here, every statement runs in the migration's
            // transaction with foreign keys on: nothing references the assignments' table, and its rows are copied with
            // the engagement's number through a join, so each copy satisfies the new key as it is inserted.
            // The engagement's (id, number) key is a unique index here, not a table constraint, so the engagements'
            // table need not be rebuilt (SQLite needs a unique index on a foreign key's parent columns).
            migrationBuilder.Sql("""CREATE UNIQUE INDEX "AK_Engagements_Id_Number" ON "Engagements" ("Id", "Number");""");

            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_EngagementExperts" (
                    "EngagementId" INTEGER NOT NULL,
                    "ExpertId" INTEGER NOT NULL,
                    "EngagementNumber" TEXT NOT NULL,
                    "IsLead" INTEGER NOT NULL,
                    CONSTRAINT "PK_EngagementExperts" PRIMARY KEY ("EngagementId", "ExpertId"),
                    CONSTRAINT "FK_EngagementExperts_Engagements_EngagementId_EngagementNumber" FOREIGN KEY ("EngagementId", "EngagementNumber") REFERENCES "Engagements" ("Id", "Number") ON DELETE CASCADE,
                    CONSTRAINT "FK_EngagementExperts_Experts_ExpertId" FOREIGN KEY ("ExpertId") REFERENCES "Experts" ("Id") ON DELETE RESTRICT
                );
                """);

            migrationBuilder.Sql("""
                INSERT INTO "ef_temp_EngagementExperts" ("EngagementId", "ExpertId", "EngagementNumber", "IsLead")
                SELECT a."EngagementId", a."ExpertId", e."Number", a."IsLead"
                FROM "EngagementExperts" AS a
                INNER JOIN "Engagements" AS e ON e."Id" = a."EngagementId";
                """);

            migrationBuilder.Sql("""DROP TABLE "EngagementExperts";""");

            migrationBuilder.Sql("""ALTER TABLE "ef_temp_EngagementExperts" RENAME TO "EngagementExperts";""");

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_EngagementId_EngagementNumber",
                table: "EngagementExperts",
                columns: new[] { "EngagementId", "EngagementNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementNumber_EngagementId",
                table: "EngagementExperts",
                columns: new[] { "ExpertId", "EngagementNumber", "EngagementId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId_EngagementNumber",
                table: "EngagementExperts");

            migrationBuilder.Sql("""DROP INDEX IF EXISTS "AK_Engagements_Id_Number";""");

            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_EngagementId_EngagementNumber",
                table: "EngagementExperts");

            migrationBuilder.DropIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementNumber_EngagementId",
                table: "EngagementExperts");

            migrationBuilder.DropColumn(
                name: "EngagementNumber",
                table: "EngagementExperts");

            migrationBuilder.CreateIndex(
                name: "IX_EngagementExperts_ExpertId_EngagementId",
                table: "EngagementExperts",
                columns: new[] { "ExpertId", "EngagementId" });

            migrationBuilder.AddForeignKey(
                name: "FK_EngagementExperts_Engagements_EngagementId",
                table: "EngagementExperts",
                column: "EngagementId",
                principalTable: "Engagements",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
